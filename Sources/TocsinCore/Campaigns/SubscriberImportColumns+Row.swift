import Foundation

extension SubscriberImportColumns {
    /// Checks one data row.
    ///
    /// - Throws: ``SubscriberImportRejection`` with the first problem found; its reason never holds the number.
    public func row(_ fields: [String], line: Int, rules: SubscriberImportRules) throws(SubscriberImportRejection) -> SubscriberImportRow {
        func reject(_ reason: String) -> SubscriberImportRejection {
            SubscriberImportRejection(line: line, reason: reason, fields: fields)
        }
        guard fields.count == self.header.count else {
            throw reject("the row has \(fields.count) fields but the header has \(self.header.count) (an unquoted comma, or a missing field?)")
        }
        guard let phoneText = self.value("phone", in: fields) else { throw reject("phone is empty") }
        let phone: PhoneNumber
        do { phone = try PhoneNumber.parse(phoneText, defaultRegion: rules.defaultRegion) } catch {
            throw reject("phone: \(error.message)")
        }
        guard let consentedText = self.value("consented_at", in: fields) else {
            throw reject("consented_at is empty (when consent was given, e.g. 2024-05-01T18:30:00Z)")
        }
        let consentedAt: Date
        switch ISO8601Timestamp.parse(consentedText) {
        case .success(let date): consentedAt = date
        case .failure(let problem): throw reject("consented_at '\(consentedText)' \(problem)")
        }
        guard consentedAt <= rules.now else { throw reject("consented_at '\(consentedText)' is in the future") }
        guard let source = self.value("source", in: fields) else {
            throw reject("source is empty (where consent was collected, e.g. \"paper form 2024\")")
        }
        guard let disclosure = self.value("disclosure", in: fields) else {
            throw reject("disclosure is empty (the consent text the supporter was shown)")
        }
        var language = self.value("language", in: fields)?.lowercased()
        if let code = language {
            guard rules.languages.contains(code) else {
                throw reject("language '\(code)' is not one of the campaign's languages (\(rules.languages.joined(separator: ", ")))")
            }
        } else {
            language = nil
        }
        let sourceURL = self.value("source_url", in: fields)
        if let sourceURL, CampaignValidation.actionLinkProblem(sourceURL) != nil {
            throw reject("source_url must be an http or https URL")
        }
        let ip = self.value("ip", in: fields)
        if let ip, !Self.looksLikeIP(ip) { throw reject("ip '\(ip)' is not an IPv4 or IPv6 address") }
        let limits: [(String, Int)] = [("first_name", 100), ("source", 200), ("disclosure", 2000), ("user_agent", 1000)]
        for (name, limit) in limits {
            if let value = self.value(name, in: fields), value.count > limit {
                throw reject("\(name) is longer than \(limit) characters")
            }
        }
        return SubscriberImportRow(
            line: line, phone: phone, firstName: self.value("first_name", in: fields), language: language,
            consentedAt: consentedAt, source: source, disclosure: disclosure, sourceURL: sourceURL, ip: ip,
            userAgent: self.value("user_agent", in: fields)
        )
    }

    /// Whether every field of a row is empty (a blank line), so it is skipped, not rejected.
    public func isBlank(_ fields: [String]) -> Bool {
        fields.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    static func looksLikeIP(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 {
            return parts.allSatisfy { part in
                (1...3).contains(part.count) && part.allSatisfy(\.isASCII) && (Int(part).map { $0 <= 255 } ?? false)
            }
        }
        return text.contains(":") && text.count <= 45 && text.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}

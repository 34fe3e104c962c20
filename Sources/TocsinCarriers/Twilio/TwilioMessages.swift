import Foundation
import TocsinCore

/// Sends SMS through Twilio's Programmable Messaging REST API:
/// `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP Basic auth.
///
/// Answers are read through ``TwilioErrors/table``; a 2xx answer's `sid` is the carrier message id that
/// status callbacks (``TwilioStatus``) refer to.
public struct TwilioMessages: CarrierAdapter {
    public let id = "twilio"
    let credentials: TwilioCredentials
    let apiBaseURL: String
    let statusCallbackURL: String?
    let http: CarrierHTTP
    let clock: any WallClock

    /// - Parameters:
    ///   - apiBaseURL: `https://api.twilio.com`, or a local stub in tests (`twilio.api_base_url`).
    ///   - statusCallbackURL: Where Twilio posts delivery receipts (`server.public_url` +
    ///     `/webhooks/twilio/status`); nil sends no `StatusCallback`.
    public init(
        credentials: TwilioCredentials, apiBaseURL: String = "https://api.twilio.com", statusCallbackURL: String?,
        http: CarrierHTTP = CarrierHTTP(), clock: any WallClock
    ) {
        self.credentials = credentials
        self.apiBaseURL = apiBaseURL.hasSuffix("/") ? String(apiBaseURL.dropLast()) : apiBaseURL
        self.statusCallbackURL = statusCallbackURL
        self.http = http
        self.clock = clock
    }

    /// The Messages resource URL of the account.
    public var messagesURL: String {
        "\(self.apiBaseURL)/2010-04-01/Accounts/\(self.credentials.accountSID)/Messages.json"
    }

    public func send(_ message: OutboundSMS) async throws(CarrierError) -> CarrierReceipt {
        let answer = try await self.http.post(
            url: self.messagesURL,
            headers: [
                ("Authorization", self.credentials.basicAuthorization),
                ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
            ],
            body: FormBody.encode(self.fields(for: message)), carrier: "twilio"
        )
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
        guard (200...299).contains(answer.status) else {
            throw TwilioErrors.error(status: answer.status, code: Self.integer(json?["code"]), message: json?["message"] as? String)
        }
        guard let sid = json?["sid"] as? String, !sid.isEmpty else {
            throw CarrierError(.unavailable, message: "Twilio HTTP \(answer.status) without a message sid", carrier: self.id)
        }
        return CarrierReceipt(carrierMessageID: sid, carrier: self.id)
    }

    /// The form fields of the create-Message request, in a fixed order: `To`, then `MessagingServiceSid` or
    /// `From`, `Body`, `StatusCallback` (when configured) and `ValidityPeriod` (when the message expires).
    public func fields(for message: OutboundSMS) -> [(String, String)] {
        var fields = [("To", message.to.e164)]
        if let service = self.credentials.messagingServiceSID {
            fields.append(("MessagingServiceSid", service))
        } else {
            fields.append(("From", message.from))
        }
        fields.append(("Body", message.body))
        if let callback = self.statusCallbackURL { fields.append(("StatusCallback", callback)) }
        if let seconds = Self.validityPeriod(expiresAt: message.expiresAt, now: self.clock.now) {
            fields.append(("ValidityPeriod", String(seconds)))
        }
        return fields
    }

    /// `ValidityPeriod`: the whole seconds left before the expiry, clamped to Twilio's bounds (1–36,000), so
    /// Twilio drops a message it could only deliver late; nil when the message has no expiry.
    public static func validityPeriod(expiresAt: Date?, now: Date) -> Int? {
        guard let expiresAt else { return nil }
        let left = expiresAt.timeIntervalSince(now).rounded(.down)
        return Int(min(36_000, max(1, left)))
    }

    static func integer(_ value: Any?) -> Int? {
        switch value {
        case let number as Int: number
        case let number as NSNumber: number.intValue
        case let text as String: Int(text)
        default: nil
        }
    }
}

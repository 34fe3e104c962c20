import Foundation
import TocsinCore
import Yams

/// Reads typed values from a policy file's YAML nodes, recording a ``PolicyFileIssue`` (file, key, line) for
/// each problem instead of stopping at the first.
struct PolicyNodeReader {
    let file: String
    private(set) var issues: [PolicyFileIssue] = []

    init(file: String) { self.file = file }

    mutating func append(_ issue: PolicyFileIssue) {
        self.issues.append(issue)
    }

    mutating func report(_ node: Node?, _ key: String, _ message: String) {
        self.issues.append(PolicyFileIssue(file: self.file, key: key, line: node?.mark?.line, message: message))
    }

    /// The mapping's entries by key; unknown keys are reported.
    mutating func mapping(_ node: Node?, _ key: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard let node else { return nil }
        guard let mapping = node.mapping else {
            self.report(node, key, "must be a mapping with keys \(allowed.joined(separator: ", "))")
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let name = keyNode.scalar?.string else { continue }
            if !allowed.contains(name) {
                self.report(keyNode, Self.join(key, name), "unknown key; the keys are \(allowed.joined(separator: ", "))")
                continue
            }
            result[name] = value
        }
        for name in required where result[name] == nil {
            self.report(node, Self.join(key, name), "is required")
        }
        return result
    }

    mutating func string(_ node: Node?, _ key: String) -> String? {
        guard let node else { return nil }
        guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            self.report(node, key, "must be a non-empty text")
            return nil
        }
        return text
    }

    mutating func int(_ node: Node?, _ key: String, range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let text = node.scalar?.string, let value = Int(text), range.contains(value) else {
            self.report(node, key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func strings(_ node: Node?, _ key: String) -> [String]? {
        guard let node else { return nil }
        if let scalar = node.scalar?.string { return [scalar] }
        guard let sequence = node.sequence else {
            self.report(node, key, "must be a list, e.g. [sms, voice]")
            return nil
        }
        return sequence.enumerated().compactMap { index, item in self.string(item, "\(key)[\(index)]") }
    }

    mutating func sequence(_ node: Node?, _ key: String) -> [Node] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            self.report(node, key, "must be a list of rules")
            return []
        }
        return Array(sequence)
    }

    /// `09:00-20:00`, or `none` (nil window, no sends that day).
    mutating func window(_ node: Node?, _ key: String) -> QuietHours.Window?? {
        guard let text = self.string(node, key) else { return nil }
        if text == "none" { return .some(nil) }
        guard let window = QuietHours.Window(text) else {
            self.report(node, key, "must be a local time range like 08:00-21:00, or none")
            return nil
        }
        return .some(window)
    }

    /// Purposes and channels; both default to all.
    mutating func scope(_ fields: [String: Node], _ key: String) -> PolicyScope {
        var scope = PolicyScope()
        if let purposes = self.strings(fields["purposes"], Self.join(key, "purposes")) {
            var set = Set<CampaignPurpose>()
            for text in purposes {
                guard let purpose = CampaignPurpose(rawValue: text) else {
                    self.report(fields["purposes"], Self.join(key, "purposes"), "'\(text)' is not a purpose (advocacy, fundraising, commercial)")
                    continue
                }
                set.insert(purpose)
            }
            scope.purposes = set
        }
        if let channels = self.strings(fields["channels"], Self.join(key, "channels")) {
            var set = Set<Channel>()
            for text in channels {
                guard let channel = Channel(rawValue: text) else {
                    self.report(fields["channels"], Self.join(key, "channels"), "'\(text)' is not a channel (sms, voice)")
                    continue
                }
                set.insert(channel)
            }
            scope.channels = set
        }
        return scope
    }

    /// The rule's id, source and basis; a missing source is an error (every rule cites one).
    mutating func citation(_ fields: [String: Node], _ key: String, node: Node) -> RuleCitation? {
        let id = self.string(fields["id"], Self.join(key, "id"))
        let source = self.string(fields["source"], Self.join(key, "source"))
        if fields["source"] == nil { self.report(node, Self.join(key, "source"), "is required: every rule cites its source") }
        if fields["id"] == nil { self.report(node, Self.join(key, "id"), "is required") }
        let basis = fields["basis"].flatMap { self.string($0, Self.join(key, "basis")) } ?? "law"
        if !["law", "carrier", "recommended"].contains(basis) {
            self.report(fields["basis"], Self.join(key, "basis"), "must be law, carrier or recommended")
        }
        guard let id, let source else { return nil }
        return RuleCitation(id: id, source: source, basis: basis)
    }

    static func join(_ key: String, _ child: String) -> String {
        key.isEmpty ? child : "\(key).\(child)"
    }
}

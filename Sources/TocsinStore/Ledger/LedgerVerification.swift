import Foundation

/// The last entry of the ledger: record it somewhere else (a ticket, a signed email) to prove later that
/// the chain up to it was not rewritten.
public struct LedgerHead: Sendable, Hashable {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}

/// The first thing found wrong in the ledger.
public struct LedgerProblem: Sendable, Hashable, CustomStringConvertible {
    /// The sequence number of the entry concerned (nil for a source row with no entry at all).
    public var seq: Int64?
    /// `consent` or `audit` (nil when unknown).
    public var kind: String?
    /// `consent_event:12`, `audit_event:7`, … when known.
    public var source: String?
    /// What mismatched, in words.
    public var message: String

    public init(seq: Int64?, kind: String?, source: String?, message: String) {
        self.seq = seq
        self.kind = kind
        self.source = source
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        if let seq { parts.append("entry \(seq)") }
        if let kind { parts.append("(\(kind)\(self.source.map { ", \($0)" } ?? ""))") } else if let source { parts.append("(\(source))") }
        parts.append(self.message)
        return parts.joined(separator: " ")
    }
}

/// The result of checking the whole chain and every source row against it.
public struct LedgerVerification: Sendable, Hashable {
    /// Entries checked.
    public var entries: Int
    /// The last entry (nil for an empty ledger).
    public var head: LedgerHead?
    /// The first problem; nil when the ledger verifies.
    public var problem: LedgerProblem?

    public var isIntact: Bool { self.problem == nil }
}

/// Why a campaign body was refused: every problem found, each saying what to fix.
public struct CampaignValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The body could not be read at all (not JSON, not an object): HTTP 400.
        case malformed
        /// The body was read but some fields are wrong: HTTP 422.
        case invalid
    }

    public var kind: Kind
    /// One sentence per problem, in field order.
    public var problems: [String]

    public init(_ problems: [String]) {
        self.kind = .invalid
        self.problems = problems
    }

    public init(malformed message: String) {
        self.kind = .malformed
        self.problems = [message]
    }

    /// The problems joined into one message.
    public var message: String { self.problems.joined(separator: "; ") }

    public var description: String { self.message }
}

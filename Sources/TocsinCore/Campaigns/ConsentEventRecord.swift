import Foundation

/// A consent-ledger entry with its evidence.
public struct ConsentEventRecord: Sendable, Hashable {
    public var id: Int64
    public var action: String
    /// `campaign` or `org`.
    public var scope: String
    public var source: String
    public var keyword: String?
    /// The text received, or for an import the evidence source given in the file ("paper form 2024").
    public var rawText: String?
    public var sourceURL: String?
    public var ip: String?
    public var userAgent: String?
    public var disclosure: String?
    /// The staff member, token or import that recorded it.
    public var staff: String?
    public var language: String?
    public var occurredAt: Date

    public init(
        id: Int64, action: String, scope: String, source: String, keyword: String?, rawText: String?,
        sourceURL: String?, ip: String?, userAgent: String?, disclosure: String?, staff: String?, language: String?,
        occurredAt: Date
    ) {
        self.id = id
        self.action = action
        self.scope = scope
        self.source = source
        self.keyword = keyword
        self.rawText = rawText
        self.sourceURL = sourceURL
        self.ip = ip
        self.userAgent = userAgent
        self.disclosure = disclosure
        self.staff = staff
        self.language = language
        self.occurredAt = occurredAt
    }
}

import TocsinCore

/// Campaign join keywords known at call time (they are not in the keyword files), normalised once.
///
/// ```swift
/// let campaigns = CampaignKeywordIndex(["RIGHTS": "campaign-rights", "FreeHK": "campaign-hk"])
/// classifier.classify("join rights", campaignKeywords: campaigns).campaignKeyword   // "RIGHTS"
/// ```
public struct CampaignKeywordIndex: Sendable {
    struct Entry: Sendable {
        var keyword: String
        var campaign: String
        var result: Classification
    }

    /// One reference, so that passing the index around costs one retain at most.
    final class Storage: Sendable {
        let table: ByteKeyTable<Int32>
        let entries: [Entry]

        init(table: ByteKeyTable<Int32>, entries: [Entry]) {
            self.table = table
            self.entries = entries
        }
    }

    let storage: Storage

    /// No campaign keywords.
    public static let empty = CampaignKeywordIndex([:])

    /// Indexes keywords (normalised with ``TextNormalizer``) to campaign identifiers. Keywords that
    /// normalise to nothing are skipped; of two that normalise alike, the alphabetically first wins.
    public init(_ keywordToCampaign: [String: String]) {
        var keys: [(key: [UInt8], value: Int32)] = []
        var entries: [Entry] = []
        for (keyword, campaign) in keywordToCampaign.sorted(by: { $0.key < $1.key }) {
            let normalized = TextNormalizer.normalize(keyword).text
            guard !normalized.isEmpty, !entries.contains(where: { $0.keyword == normalized }) else { continue }
            let result = Classification(
                intent: .join, tier: .exact, language: nil, rule: "campaign.join:\(normalized.replacingSpaces())",
                campaignKeyword: normalized)
            keys.append((Array(normalized.utf8), Int32(entries.count)))
            entries.append(Entry(keyword: normalized, campaign: campaign, result: result))
        }
        self.storage = Storage(table: ByteKeyTable(keys), entries: entries)
        self.isEmpty = entries.isEmpty
    }

    /// Whether there are no keywords.
    public let isEmpty: Bool

    /// The campaign for a keyword as the classifier reports it (``Classification/campaignKeyword``).
    public func campaign(forKeyword keyword: String) -> String? {
        self.storage.table.lookup(TextNormalizer.normalize(keyword).text).map { self.storage.entries[Int($0)].campaign }
    }

    /// The whole message is a campaign keyword, or a join prefix followed by one ("JOIN RIGHTS", "加入FREEHK").
    @inline(__always)
    func match(_ bytes: UnsafeBufferPointer<UInt8>, prefixes: JoinPrefixList) -> RuleHit {
        let table = self.storage.table
        if let entry = table.lookup(bytes) { return .campaign(entry: entry, prefix: -1) }
        for index in 0..<prefixes.count {
            guard let rest = prefixes.rest(index, in: bytes),
                let entry = table.lookup(UnsafeBufferPointer(rebasing: bytes[rest...]))
            else { continue }
            return .campaign(entry: entry, prefix: Int32(index))
        }
        return .none
    }

    /// The classification for a campaign hit.
    func classification(entry: Int32, prefixLanguage: String?) -> Classification {
        var result = self.storage.entries[Int(entry)].result
        result.language = prefixLanguage
        return result
    }
}

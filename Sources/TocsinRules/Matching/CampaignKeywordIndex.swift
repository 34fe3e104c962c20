public import TocsinCore

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
        var bare: Classification
    }

    let table: ByteKeyTable<Entry>

    /// No campaign keywords.
    public static let empty = CampaignKeywordIndex([:])

    /// Indexes keywords (normalised with ``TextNormalizer``) to campaign identifiers. Keywords that
    /// normalise to nothing are skipped; of two that normalise alike, the alphabetically first wins.
    public init(_ keywordToCampaign: [String: String]) {
        var entries: [(key: [UInt8], value: Entry)] = []
        for (keyword, campaign) in keywordToCampaign.sorted(by: { $0.key < $1.key }) {
            let normalized = TextNormalizer.normalize(keyword).text
            guard !normalized.isEmpty else { continue }
            let bare = Classification(
                intent: .join, tier: .exact, language: nil, rule: "campaign.join:\(normalized.replacingSpaces())",
                campaignKeyword: normalized)
            entries.append((Array(normalized.utf8), Entry(keyword: normalized, campaign: campaign, bare: bare)))
        }
        self.table = ByteKeyTable(entries)
    }

    /// Whether there are no keywords.
    public var isEmpty: Bool { self.table.count == 0 }

    /// The campaign for a keyword as the classifier reports it (``Classification/campaignKeyword``).
    public func campaign(forKeyword keyword: String) -> String? {
        self.table.lookup(TextNormalizer.normalize(keyword).text)?.campaign
    }

    /// The whole message is a campaign keyword, or a join prefix followed by one ("JOIN RIGHTS", "加入FREEHK").
    func match(_ bytes: UnsafeBufferPointer<UInt8>, prefixes: [JoinPrefix]) -> Classification? {
        if let entry = self.table.lookup(bytes) { return entry.bare }
        for prefix in prefixes where bytes.count > prefix.bytes.count && bytes.starts(with: prefix.bytes) {
            var rest = prefix.bytes.count
            if bytes[rest] == 0x20 { rest += 1 }
            guard let entry = self.table.lookup(UnsafeBufferPointer(rebasing: bytes[rest...])) else { continue }
            var result = entry.bare
            result.language = prefix.language
            return result
        }
        return nil
    }
}

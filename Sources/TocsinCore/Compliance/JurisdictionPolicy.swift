import Foundation

/// The compliance rules of one jurisdiction (one file of `Compliance/`), validated.
///
/// An overlay (e.g. `us-fl`) names its ``parent``; ``merged(over:)`` combines it with the parent so that the
/// stricter rule wins: windows intersect (every window rule applies), caps and content rules add up, the
/// shortest opt-out deadline applies, the longest retention applies.
public struct JurisdictionPolicy: Sendable, Hashable {
    /// The file's key (`us`, `us-fl`, `ca`, `hk`, `uk`, `default`).
    public var key: String
    public var name: String
    /// The key of the policy this one overlays, if any.
    public var parent: String?
    /// Policies merged into this one (the default merges every top-level policy: the strictest combination).
    public var includes: [String]
    /// ISO 3166-1 regions (`US`) or 3166-2 subdivisions (`US-FL`) this policy applies to.
    public var appliesTo: [String]
    public var calendars: [String: HolidayCalendar]
    public var windows: [SendWindowRule]
    public var caps: [FrequencyCapRule]
    public var deadlines: [OptOutDeadlineRule]
    public var content: [ContentRule]
    public var consent: [ConsentRule]
    public var retention: [RetentionRule]

    public init(
        key: String, name: String, parent: String? = nil, includes: [String] = [], appliesTo: [String] = [],
        calendars: [String: HolidayCalendar] = [:], windows: [SendWindowRule] = [], caps: [FrequencyCapRule] = [],
        deadlines: [OptOutDeadlineRule] = [], content: [ContentRule] = [], consent: [ConsentRule] = [],
        retention: [RetentionRule] = []
    ) {
        self.key = key
        self.name = name
        self.parent = parent
        self.includes = includes
        self.appliesTo = appliesTo
        self.calendars = calendars
        self.windows = windows
        self.caps = caps
        self.deadlines = deadlines
        self.content = content
        self.consent = consent
        self.retention = retention
    }

    /// This policy on top of `base`: every rule of both applies (the stricter one wins where they overlap).
    public func merged(over base: JurisdictionPolicy) -> JurisdictionPolicy {
        func union<T: Hashable>(_ a: [T], _ b: [T]) -> [T] {
            var seen = Set<T>()
            return (a + b).filter { seen.insert($0).inserted }
        }
        var result = self
        result.calendars = base.calendars.merging(self.calendars) { old, new in
            HolidayCalendar(name: new.name, zone: new.zone, dates: old.dates.union(new.dates), source: new.source)
        }
        result.windows = union(base.windows, self.windows)
        result.caps = union(base.caps, self.caps)
        result.deadlines = union(base.deadlines, self.deadlines)
        result.content = union(base.content, self.content)
        result.consent = union(base.consent, self.consent)
        result.retention = union(base.retention, self.retention)
        return result
    }

    /// The window rules for a purpose and channel.
    public func windows(purpose: CampaignPurpose?, channel: Channel) -> [DailyWindow] {
        self.windows.filter { $0.scope.covers(purpose: purpose, channel: channel) }.map { $0.window(calendars: self.calendars) }
    }

    /// The longest retention per record kind, with the rule that sets it.
    public var retentionByRecord: [String: RetentionRule] {
        var result: [String: RetentionRule] = [:]
        for rule in self.retention where rule.days > (result[rule.record]?.days ?? -1) { result[rule.record] = rule }
        return result
    }
}

import Foundation

/// A quiet-hours rule: the local hours in which messages may reach a recipient, per day type.
///
/// A day without a window (e.g. `weekend: nil`) allows nothing; `closedOn` names a holiday calendar on whose
/// dates nothing is sent.
public struct SendWindowRule: Sendable, Hashable {
    public var citation: RuleCitation
    public var scope: PolicyScope
    /// Monday to Friday (nil: no sends).
    public var weekday: QuietHours.Window?
    /// Saturday and Sunday (nil: no sends).
    public var weekend: QuietHours.Window?
    /// The holiday calendar whose dates allow no sends (nil: holidays are ordinary days; `all`: every calendar
    /// of the policy).
    public var closedOn: String?

    public init(citation: RuleCitation, scope: PolicyScope, weekday: QuietHours.Window?, weekend: QuietHours.Window?, closedOn: String? = nil) {
        self.citation = citation
        self.scope = scope
        self.weekday = weekday
        self.weekend = weekend
        self.closedOn = closedOn
    }

    /// The rule as a daily window with its closed dates resolved from `calendars`.
    public func window(calendars: [String: HolidayCalendar]) -> DailyWindow {
        DailyWindow(
            weekday: self.weekday, weekend: self.weekend,
            closedDates: self.closedOn == "all"
                ? calendars.values.reduce(into: Set<String>()) { $0.formUnion($1.dates) }
                : self.closedOn.flatMap { calendars[$0]?.dates } ?? [],
            label: self.citation.id
        )
    }
}

/// A named list of public holidays (`YYYY-MM-DD`, local dates) with its source.
public struct HolidayCalendar: Sendable, Hashable {
    public var name: String
    public var zone: TimeZone
    public var dates: Set<String>
    public var source: String

    public init(name: String, zone: TimeZone, dates: Set<String>, source: String) {
        self.name = name
        self.zone = zone
        self.dates = dates
        self.source = source
    }

    /// The business-day calendar (Monday–Friday minus these dates) in the calendar's zone.
    public var businessCalendar: BusinessCalendar {
        BusinessCalendar(timeZone: self.zone, holidays: self.dates)
    }
}

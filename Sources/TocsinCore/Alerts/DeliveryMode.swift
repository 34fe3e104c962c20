import Foundation

/// Whether every recipient gets an occurrence at the same instant or at the same local clock time.
public enum DeliveryMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Everyone at the instant the rule gives in the campaign's zone (an urgent action at 10:00 New York
    /// time reaches London at 15:00).
    case sameInstant = "same_instant"
    /// Each recipient at the occurrence's wall-clock time in their own zone (10:00 New York, 10:00 London).
    case recipientLocal = "recipient_local"

    /// The instant one recipient should receive `occurrence`.
    ///
    /// For ``recipientLocal`` the occurrence's ``RecurrenceSchedule/Occurrence/local`` time is read in
    /// `recipientZone` with the same gap and overlap rules as the schedule
    /// (``RecurrenceSchedule/utcInstant(_:in:)``). Which occurrences exist (COUNT, UNTIL) is decided once, in
    /// the campaign's zone.
    public func instant(for occurrence: RecurrenceSchedule.Occurrence, recipientZone: TimeZone) -> Date {
        switch self {
        case .sameInstant: occurrence.instant
        case .recipientLocal: RecurrenceSchedule.utcInstant(occurrence.local, in: recipientZone)
        }
    }
}

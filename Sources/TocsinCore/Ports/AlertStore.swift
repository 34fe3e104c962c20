import Foundation

/// Counts of an alert's messages by state, and its next occurrence.
public struct AlertProgress: Sendable, Hashable {
    public var counts: [String: Int]
    public var occurrences: Int
    public var fanningOut: Int

    public init(counts: [String: Int], occurrences: Int, fanningOut: Int) {
        self.counts = counts
        self.occurrences = occurrences
        self.fanningOut = fanningOut
    }
}

/// What one fan-out step did.
public struct FanoutStep: Sendable, Hashable {
    public var occurrenceID: Int64
    public var inserted: Int
    public var done: Bool

    public init(occurrenceID: Int64, inserted: Int, done: Bool) {
        self.occurrenceID = occurrenceID
        self.inserted = inserted
        self.done = done
    }
}

/// Alerts, their occurrences and the durable fan-out into the outbox.
public protocol AlertStore: Sendable {
    /// Stores a checked alert and sets when it first fires.
    func createAlert(_ alert: Alert, now: Date) async throws -> Alert
    func alert(id: Int64) async throws -> Alert?
    func alerts(campaignID: Int64) async throws -> [Alert]
    /// Pauses, resumes or cancels an alert; cancelling also cancels its messages not yet sent.
    func setAlertStatus(id: Int64, _ status: AlertStatus, actor: String, now: Date) async throws -> Alert
    func alertProgress(id: Int64) async throws -> AlertProgress

    /// Active alerts whose next occurrence is due by `now` (relative alerts are always listed).
    func dueAlerts(now: Date) async throws -> [Alert]
    /// Records an occurrence once (its key is unique per alert) and moves the alert to its next one.
    func materialize(_ occurrence: PlannedOccurrence, of alert: Alert, next: PlannedOccurrence?, now: Date) async throws
    /// Creates the per-supporter occurrences of a relative alert that are due by `now` (at most `limit`).
    func materializeRelative(_ alert: Alert, sender: String, now: Date, limit: Int) async throws -> Int
    /// Occurrences still fanning out (e.g. after a crash), oldest first.
    func unfinishedFanouts() async throws -> [Int64]
    /// Writes the next batch of outbox rows of an occurrence and advances its cursor in one transaction.
    func fanOut(occurrenceID: Int64, sender: String, batchSize: Int, now: Date) async throws -> FanoutStep
}

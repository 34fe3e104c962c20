import Foundation

/// What an operator watches, read from the store at one instant (for `/metrics` and `/readyz`).
public struct OperationsSnapshot: Sendable, Hashable {
    /// Outbound messages waiting or in flight, by lane (`reply`, `bulk`) and status (`queued`, `deferred`,
    /// `sending`).
    public var queueDepth: [QueueKey: Int]
    /// Pending review items.
    public var reviewPending: Int
    /// Age in seconds of the oldest pending review item; nil when the queue is empty.
    public var reviewOldestAge: TimeInterval?
    /// Pending review items past their deadline (each already counts as an opt-out when the deadline
    /// service next runs; more than zero for long means it is not running).
    public var reviewOverdue: Int
    /// Alert occurrences still fanning out, and the recipients written so far for them.
    public var fanoutsInProgress: Int
    public var fanoutRecipientsWritten: Int
    /// Messages whose carrier call was in flight at a crash, waiting for a person to look at them.
    public var inDoubt: Int

    /// A lane and a status.
    public struct QueueKey: Sendable, Hashable {
        public var lane: String
        public var status: String
        public init(lane: String, status: String) {
            self.lane = lane
            self.status = status
        }
    }

    public init(
        queueDepth: [QueueKey: Int] = [:], reviewPending: Int = 0, reviewOldestAge: TimeInterval? = nil,
        reviewOverdue: Int = 0, fanoutsInProgress: Int = 0, fanoutRecipientsWritten: Int = 0, inDoubt: Int = 0
    ) {
        self.queueDepth = queueDepth
        self.reviewPending = reviewPending
        self.reviewOldestAge = reviewOldestAge
        self.reviewOverdue = reviewOverdue
        self.fanoutsInProgress = fanoutsInProgress
        self.fanoutRecipientsWritten = fanoutRecipientsWritten
        self.inDoubt = inDoubt
    }
}

/// Health and gauges for operators.
public protocol OperationsStore: Sendable {
    /// Throws when the store cannot answer a trivial query.
    func ping() async throws
    /// Whether every migration this build knows has been applied.
    func migrationsCurrent() async throws -> Bool
    /// Queue depths, review queue, fan-out progress and in-doubt messages at `now`.
    func operationsSnapshot(now: Date) async throws -> OperationsSnapshot
}

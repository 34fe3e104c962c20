import Foundation
import Prometheus
import TocsinCore
import TocsinEngine

/// One Prometheus registry per running service set: the engine's counters and timers go in through
/// swift-metrics (``EngineMetrics``), and the store's gauges are read fresh at each scrape.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// The swift-metrics side, handed to the engine components.
    public let engine: EngineMetrics

    /// Gauge names, for the README and tests.
    public enum Name {
        public static let queueDepth = "tocsin_queue_depth"
        public static let reviewPending = "tocsin_review_queue_size"
        public static let reviewOldest = "tocsin_review_oldest_age_seconds"
        public static let deadlineBreaches = "tocsin_deadline_breaches"
        public static let optOutDeadlines = "tocsin_opt_out_deadlines"
        public static let fanoutsInProgress = "tocsin_fanouts_in_progress"
        public static let fanoutRecipients = "tocsin_fanout_recipients_written"
        public static let inDoubt = "tocsin_in_doubt_messages"
        public static let up = "tocsin_up"
    }

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Carrier calls take milliseconds to seconds.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.registry = registry
        self.engine = EngineMetrics(factory: factory)
        Self.makeGauge(in: registry, Name.up, "1 while this instance runs").set(to: 1.0)
    }

    /// Every lane and status the queue gauge always reports (zero when empty, so alerts see the series).
    static let lanes = ["reply", "bulk"]
    static let statuses = ["queued", "deferred", "sending"]

    /// Sets the gauges from `snapshot` (and the opt-out deadline counts, when given) and renders the whole
    /// registry in the Prometheus text format.
    public func render(_ snapshot: OperationsSnapshot, deadlines: DeadlineCounts? = nil) -> String {
        for lane in Self.lanes {
            for status in Self.statuses {
                let depth = snapshot.queueDepth[.init(lane: lane, status: status)] ?? 0
                self.makeGauge(Name.queueDepth, "Outbound messages waiting or in flight", labels: [("lane", lane), ("status", status)]).set(to: Double(depth))
            }
        }
        self.gauge(Name.reviewPending, "Texts waiting for a reviewer", Double(snapshot.reviewPending))
        self.gauge(Name.reviewOldest, "Age of the oldest text waiting for review", snapshot.reviewOldestAge ?? 0)
        self.makeGauge(Name.deadlineBreaches, "Items past their legal or configured deadline", labels: [("kind", "review")])
            .set(to: Double(snapshot.reviewOverdue))
        if let deadlines {
            // Possible opt-outs past their legal deadline, and opt-outs honoured late in the last 24 hours.
            self.makeGauge(Name.deadlineBreaches, "Items past their legal or configured deadline", labels: [("kind", "opt_out")])
                .set(to: Double(deadlines.overdue + deadlines.late))
            for (state, value) in [("pending", deadlines.pending), ("due_soon", deadlines.dueSoon), ("overdue", deadlines.overdue), ("late", deadlines.late)] {
                self.makeGauge(
                    Name.optOutDeadlines,
                    "Possible opt-outs by deadline state (due_soon: within 24 hours); late: honoured after the deadline in the last 24 hours",
                    labels: [("state", state)]
                ).set(to: Double(value))
            }
        }
        self.gauge(Name.fanoutsInProgress, "Alert occurrences still fanning out", Double(snapshot.fanoutsInProgress))
        self.gauge(Name.fanoutRecipients, "Recipients written so far by the fan-outs in progress", Double(snapshot.fanoutRecipientsWritten))
        self.gauge(Name.inDoubt, "Messages in flight at a crash, waiting for review", Double(snapshot.inDoubt))
        return self.registry.emitToString()
    }

    func gauge(_ name: String, _ help: String, _ value: Double) {
        self.makeGauge(name, help).set(to: value)
    }

    func makeGauge(_ name: String, _ help: String, labels: [(String, String)] = []) -> Gauge {
        Self.makeGauge(in: self.registry, name, help, labels: labels)
    }

    /// A gauge of the registry (its name is `name` as given: no namespace or unit suffix is added).
    static func makeGauge(in registry: PrometheusCollectorRegistry, _ name: String, _ help: String, labels: [(String, String)] = []) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }
}

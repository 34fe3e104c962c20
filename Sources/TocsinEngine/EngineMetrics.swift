import CoreMetrics
import Foundation
import TocsinCore

/// The engine's counters and timers, emitted through an injected swift-metrics factory.
///
/// Nothing is bootstrapped globally: each running service set passes its own factory (the server a
/// Prometheus one), so tests and several instances in one process never share counters.
///
/// ```swift
/// var handler = InboundHandler(...)
/// handler.metrics = EngineMetrics(factory: PrometheusMetricsFactory(registry: registry))
/// ```
public struct EngineMetrics: Sendable {
    let factory: (any MetricsFactory)?

    /// Metrics emitted through `factory`; nil emits nothing.
    public init(factory: (any MetricsFactory)?) {
        self.factory = factory
    }

    /// Emits nothing.
    public static let disabled = EngineMetrics(factory: nil)

    /// Metric names, for the README and tests.
    public enum Name {
        public static let inbound = "tocsin_inbound_messages_total"
        public static let optOuts = "tocsin_opt_outs_total"
        public static let outbound = "tocsin_outbound_messages_total"
        public static let carrierDuration = "tocsin_carrier_request_duration_seconds"
        public static let carrierErrors = "tocsin_carrier_errors_total"
        public static let instances = "tocsin_instances"
    }

    func count(_ name: String, _ dimensions: [(String, String)], by amount: Int = 1) {
        guard let factory = self.factory, amount > 0 else { return }
        Counter(label: name, dimensions: dimensions, factory: factory).increment(by: amount)
    }

    /// One inbound text, by intent and classifier tier; an opt-out also counts in `tocsin_opt_outs_total`.
    public func inbound(_ classification: Classification, duplicate: Bool) {
        guard !duplicate else { return }
        self.count(Name.inbound, [("intent", classification.intent.rawValue), ("tier", classification.tier.rawValue)])
        if classification.intent == .optOut {
            self.count(Name.optOuts, [("source", "sms")])
        }
    }

    /// Opt-outs recorded outside an inbound text (carrier-reported, staff, unsubscribe link, voice keypress).
    public func optOut(source: String) {
        self.count(Name.optOuts, [("source", source)])
    }

    /// What happened to each message of a dispatched batch, by channel, state and carrier.
    public func outcomes(_ outcomes: [DispatchOutcome], channel: String = "sms") {
        guard self.factory != nil else { return }
        var tally: [[String]: Int] = [:]
        for outcome in outcomes {
            switch outcome.result {
            case .sent(let carrier, _): tally[["sent", carrier], default: 0] += 1
            case .retry(_, let carrier, _): tally[["retry", carrier], default: 0] += 1
            case .failed(let carrier, let error):
                tally[["failed", carrier], default: 0] += 1
                if error.kind == .recipientOptedOut { self.optOut(source: "carrier") }
            case .closed(let status, _): tally[[status.rawValue, "none"], default: 0] += 1
            case .deferred: tally[["deferred", "none"], default: 0] += 1
            }
        }
        for (key, count) in tally {
            self.count(Name.outbound, [("channel", channel), ("state", key[0]), ("carrier", key[1])], by: count)
        }
    }

    /// One carrier call: its duration, and its error code when it failed.
    public func carrierCall(carrier: String, duration: Duration, error: CarrierError?) {
        guard let factory = self.factory else { return }
        let nanoseconds = duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
        Timer(label: Name.carrierDuration, dimensions: [("carrier", carrier)], factory: factory)
            .recordNanoseconds(nanoseconds)
        if let error {
            self.count(Name.carrierErrors, [("carrier", carrier), ("code", error.code ?? error.kind.rawValue)])
        }
    }

    /// The live instances sharing the sender limits, as this instance last counted them.
    public func instances(_ count: Int) {
        guard let factory = self.factory else { return }
        Gauge(label: Name.instances, factory: factory).record(count)
    }
}

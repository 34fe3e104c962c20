import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
@testable import TocsinServer

struct ObservabilityRoutesTests {
    @Test func metricsCountTextsAndOptOutsAndShowQueueGauges() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            try await client.text("+12125550101", "RIGHTS", id: "m-1")
            try await client.text("+12125550101", "STOP", id: "m-2")
            try await client.text("+12125550102", "HELP", id: "m-3")
            let (status, contentType, text) = try await client.execute(uri: "/metrics", method: .get) {
                ($0.status, $0.headers[.contentType], String(buffer: $0.body))
            }
            #expect(status == .ok)
            #expect(contentType?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(text.contains(#"tocsin_inbound_messages_total{intent="opt_out",tier="exact"} 1"#))
            #expect(text.contains(#"tocsin_inbound_messages_total{intent="help",tier="exact"} 1"#))
            #expect(text.contains(#"tocsin_opt_outs_total{source="sms"} 1"#))
            #expect(text.contains(#"tocsin_queue_depth{lane="bulk",status="queued"} 0"#))
            #expect(text.contains("tocsin_review_queue_size 0"))
            #expect(text.contains("tocsin_up 1"))
            // The replies went through the carrier and were timed.
            #expect(text.contains(#"tocsin_carrier_request_duration_seconds_count{carrier="mock"}"#))
            // No number in clear.
            #expect(!text.contains("2125550101"))
        }
    }

    @Test func readyWhenTheStoreAnswersAndMigrationsAreCurrent() async throws {
        let app = try await TestApp()
        try await app.application.test(.router) { client in
            let (status, body) = try await client.execute(uri: "/readyz", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(json["status"] as? String == "ready")
            let checks = try #require(json["checks"] as? [String: String])
            #expect(checks["store"] == "ok")
            #expect(checks["migrations"] == "ok")
            #expect(checks["carrier"]?.hasPrefix("ok") == true)
        }
    }

    struct BrokenStore: OperationsStore {
        struct Down: Error {}
        var current = true
        var reachable = true
        func ping() async throws { if !self.reachable { throw Down() } }
        func migrationsCurrent() async throws -> Bool { self.current }
        func operationsSnapshot(now: Date) async throws -> OperationsSnapshot { OperationsSnapshot() }
    }

    @Test(arguments: [(false, true, "store"), (true, false, "migrations")])
    func notReadyNamesTheFailingCheck(reachable: Bool, current: Bool, failing: String) async {
        let checks = await Readiness.check(store: BrokenStore(current: current, reachable: reachable), carrier: "mock")
        #expect(checks.contains { !$0.ok })
        #expect(checks.first { $0.name == failing }?.ok == false)
        #expect(checks.first { $0.name == "carrier" }?.ok == true)
    }
}

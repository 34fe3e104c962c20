import Foundation
import Hummingbird
import TocsinCore

/// `GET /metrics` (Prometheus text format) and `GET /readyz` (ready to take traffic). Both are public:
/// neither carries a phone number or a secret; restrict them at the proxy if they face the internet.
struct ObservabilityRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.get("/metrics") { _, _ in
            let now = self.services.clock.now
            let snapshot = try await self.services.store.operationsSnapshot(now: now)
            let deadlines = try await self.services.store.deadlineCounts(
                now: now, since: now.addingTimeInterval(-86_400), deadline: self.services.optOutDeadline
            )
            let text = self.services.metrics.render(snapshot, deadlines: deadlines)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
        router.get("/readyz") { _, _ in
            let checks = await Readiness.check(store: self.services.store, carrier: self.services.carrier.id)
            let failing = checks.filter { !$0.ok }
            guard failing.isEmpty else {
                throw APIError(.serviceUnavailable, "not_ready", failing.map { "\($0.name): \($0.detail)" }.joined(separator: "; "))
            }
            return JSON.object([
                "status": .string("ready"),
                "checks": .fields(checks.map { ($0.name, JSON.string($0.detail)) }),
            ]).response()
        }
    }
}

/// The readiness checks: the store answers, its migrations are current, the carrier is configured.
enum Readiness {
    struct Check: Sendable {
        var name: String
        var ok: Bool
        var detail: String
    }

    static func check(store: any OperationsStore, carrier: String) async -> [Check] {
        var checks: [Check] = []
        do {
            try await store.ping()
            checks.append(Check(name: "store", ok: true, detail: "ok"))
            let current = try await store.migrationsCurrent()
            checks.append(Check(
                name: "migrations", ok: current,
                detail: current ? "ok" : "the database needs migrations this build has not applied; restart tocsin serve"
            ))
        } catch {
            checks.append(Check(name: "store", ok: false, detail: "the database does not answer: \(type(of: error))"))
            checks.append(Check(name: "migrations", ok: false, detail: "unknown (store unreachable)"))
        }
        checks.append(Check(name: "carrier", ok: !carrier.isEmpty, detail: carrier.isEmpty ? "no carrier" : "ok (\(carrier))"))
        return checks
    }
}

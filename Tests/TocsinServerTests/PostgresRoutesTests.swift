import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinPostgres
import TocsinServer
import TocsinTesting

/// Route flows on a ``TocsinServices`` built on PostgreSQL (a database of its own per test): the same
/// requests and answers as on SQLite, checked through the PostgreSQL store.
struct PostgresRoutesTests {
    @Test func aSignedTwilioStopSuppressesAndIsAnsweredWithTwiML() async throws {
        try await ServerPostgres.withApp { app, store in
            let webhook = TwilioWebhookTests()
            let phone = "+12125550811"
            try await app.application.test(.router) { client in
                let join = webhook.fields(body: "RIGHTS", sid: "SMpg1", from: phone)
                let joined = try await webhook.post(client, join, signature: webhook.sign(join))
                #expect(joined.0 == .ok)
                let stop = webhook.fields(body: "STOP", sid: "SMpg2", from: phone)
                let (status, body) = try await webhook.post(client, stop, signature: webhook.sign(stop))
                #expect(status == .ok)
                #expect(body.hasPrefix("<?xml"))
                #expect(body.contains("<Message>"))
                let unsigned = try await webhook.post(client, webhook.fields(body: "STOP", sid: "SMpg3", from: "+12125550812"), signature: nil)
                #expect(unsigned.0 == .forbidden)
            }
            #expect(try await store.isSuppressed(PhoneNumber(e164: phone)!))
            #expect(try await store.isSuppressed(PhoneNumber(e164: "+12125550812")!) == false)
            let rights = try #require(try await store.campaign(slug: "rights"))
            let detail = try #require(try await store.subscriber(PhoneNumber(e164: phone)!, campaignID: rights.id))
            #expect(detail.record.status == .optedOut)
            #expect(detail.events.map(\.action) == ["opt_in", "opt_out"])
        }
    }

    @Test func aCampaignCreatedThroughTheAPIIsJoinedBySMS() async throws {
        try await ServerPostgres.withApp { app, store in
            let token = try await app.token(.campaigner, name: "ana")
            let phone = "+12125550821"
            try await app.application.test(.router) { client in
                let created = try await client.send(.post, "/v1/campaigns", token: token, body: CampaignRoutesTests.body())
                #expect(created.status == .created)
                #expect(created.text.contains(#""slug":"free-them""#))
                let again = try await client.send(.post, "/v1/campaigns", token: token, body: CampaignRoutesTests.body())
                #expect(again.status == .conflict)
                try await client.text(phone, "FREETHEM", id: "pg-c1")
                let read = try await client.send(.get, "/v1/campaigns/free-them", token: token)
                #expect(read.text == created.text)
            }
            #expect(app.sentKinds(to: phone) == [.joinConfirmation])
            let campaign = try #require(try await store.campaign(slug: "free-them"))
            let detail = try await store.subscriber(PhoneNumber(e164: phone)!, campaignID: campaign.id)
            #expect(detail?.record.status == .active)
        }
    }

    @Test func aOneOffAlertIsQueuedForEveryActiveSubscriber() async throws {
        try await ServerPostgres.withApp { app, store in
            let campaigner = try await app.token(.campaigner)
            try await app.application.test(.router) { client in
                for index in 0..<5 { try await client.text("+1212555083\(index)", "RIGHTS", id: "pg-j\(index)") }
                try await client.text("+12125550830", "STOP", id: "pg-s0")
                let created = try await client.send(
                    .post, "/v1/campaigns/rights/alerts", token: campaigner,
                    body: #"{"name":"Now","bodies":{"en":"{program}: act now: {action_link}"},"schedule":{"kind":"once"}}"#
                )
                #expect(created.status == .created)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(created.text.utf8)) as? [String: Any])
                let id = try #require(object["id"] as? Int)
                try await app.services.scheduler.tick()
                let status = try await client.send(.get, "/v1/alerts/\(id)", token: campaigner)
                #expect(status.status == .ok)
                #expect(status.text.contains("\"queued\":4"))
                #expect(status.text.contains("\"status\":\"completed\""))
            }
            let bulk = try await store.bulkRecords()
            #expect(bulk.count == 4)
            #expect(!bulk.contains { $0.phone == "+12125550830" })
        }
    }

    @Test func complianceStaffVerifyTheLedgerAndProveConsent() async throws {
        try await ServerPostgres.withApp { app, store in
            let compliance = try await app.token(.compliance, name: "ana")
            let phone = "+12125550841"
            try await app.application.test(.router) { client in
                try await client.text(phone, "RIGHTS", id: "pg-a1")
                try await client.text(phone, "STOP", id: "pg-a2")
                let verified = try await client.send(.get, "/v1/audit/verify", token: compliance)
                #expect(verified.status == .ok)
                #expect(verified.text.contains(#""intact":true"#))
                let proof = try await client.send(.get, "/v1/consent/%2B12125550841/proof", token: compliance)
                #expect(proof.status == .ok)
                #expect(proof.text.contains(#""action":"opt_in""#) && proof.text.contains(#""action":"opt_out""#))
                #expect(proof.text.contains(#""previous_hash":"#))
                let csv = try await client.send(.get, "/v1/audit/opt-outs?format=csv&from=2026-01-01", token: compliance)
                let lines = csv.text.split(separator: "\r\n")
                #expect(lines.count == 2)
                #expect(lines.last?.contains(phone) == true)
            }
            let result = try await store.verifyLedger(progress: nil)
            #expect(result.problem == nil)
            #expect(result.entries > 0)
        }
    }

    @Test func readyzReportsThePostgreSQLStoreAndItsMigrations() async throws {
        try await ServerPostgres.withFreshDatabase { url in
            try await ServerPostgres.withStore(url: url) { store in
                let app = try await TestApp(store: store)
                try await app.application.test(.router) { client in
                    let (status, body) = try await client.execute(uri: "/readyz", method: .get) { ($0.status, String(buffer: $0.body)) }
                    #expect(status == .ok)
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
                    let checks = try #require(json["checks"] as? [String: String])
                    #expect(checks["store"] == "ok")
                    #expect(checks["migrations"] == "ok")
                }
                // A migration this build knows but the database lacks: not ready, naming the check.
                try await ServerPostgres.admin(url, "DELETE FROM tocsin_migrations WHERE name = 'v7-dispatch-indexes'")
                try await app.application.test(.router) { client in
                    let (status, body) = try await client.execute(uri: "/readyz", method: .get) { ($0.status, String(buffer: $0.body)) }
                    #expect(status == .serviceUnavailable)
                    #expect(body.contains("migrations"))
                }
            }
        }
    }

    @Test func metricsCountOptOutsAndQueueGaugesFromPostgreSQL() async throws {
        try await ServerPostgres.withApp { app, _ in
            try await app.application.test(.router) { client in
                try await client.text("+12125550851", "RIGHTS", id: "pg-m1")
                try await client.text("+12125550851", "STOP", id: "pg-m2")
                let (status, text) = try await client.execute(uri: "/metrics", method: .get) { ($0.status, String(buffer: $0.body)) }
                #expect(status == .ok)
                #expect(text.contains(#"tocsin_opt_outs_total{source="sms"} 1"#))
                #expect(text.contains(#"tocsin_queue_depth{lane="bulk",status="queued"} 0"#))
                #expect(text.contains("tocsin_review_queue_size 0"))
                #expect(!text.contains("2125550851"))
            }
        }
    }
}

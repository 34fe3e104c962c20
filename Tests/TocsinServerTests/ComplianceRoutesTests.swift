import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
@testable import TocsinStore
import TocsinTesting

struct ComplianceRoutesTests {
    let phone = "+12125550611"

    @Test func staffCanVerifyExportAndProveAfterAStop() async throws {
        let app = try await TestApp()
        let compliance = try await app.token(.compliance, name: "ana")
        try await app.application.test(.router) { client in
            try await client.text(self.phone, "RIGHTS", id: "c1")
            try await client.text(self.phone, "STOP", id: "c2")
            let verified = try await client.send(.get, "/v1/audit/verify", token: compliance)
            #expect(verified.status == .ok)
            #expect(verified.text.contains(#""intact":true"#))
            let csv = try await client.send(.get, "/v1/audit/opt-outs?format=csv&from=2026-01-01", token: compliance)
            #expect(csv.status == .ok)
            #expect(csv.contentType?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines.first?.hasPrefix("consent_event_id,phone,received_at,channel") == true)
            #expect(lines.last?.contains(self.phone) == true)
            #expect(lines.last?.contains("STOP") == true)
            let json = try await client.send(.get, "/v1/audit/opt-outs?from=2026-01-01", token: compliance)
            #expect(json.text.contains(#""time_to_suppress_ms":0"#))
            let proof = try await client.send(.get, "/v1/consent/%2B12125550611/proof", token: compliance)
            #expect(proof.status == .ok)
            #expect(proof.text.contains(#""action":"opt_in""#) && proof.text.contains(#""action":"opt_out""#))
            #expect(proof.text.contains(#""previous_hash":"#))
            let twilio = try await client.send(.get, "/v1/audit/consents/twilio?from=2026-01-01", token: compliance)
            #expect(twilio.text.contains(#""status":"opt-out""#))
            #expect(twilio.text.contains(#""sender_id":"+14155550100""#))
            let bad = try await client.send(.get, "/v1/audit/opt-outs?from=yesterday", token: compliance)
            #expect(bad.status == .badRequest)
            let deadlines = try await client.send(.get, "/v1/audit/deadlines", token: compliance)
            #expect(deadlines.text.contains(#""counts":{"pending":0"#))
        }
    }

    @Test func campaignersCannotExportPersonalData() async throws {
        let app = try await TestApp()
        let campaigner = try await app.token(.campaigner, name: "cam")
        try await app.application.test(.router) { client in
            for path in ["/v1/audit/opt-outs", "/v1/audit/consents/twilio", "/v1/consent/%2B12125550611/proof", "/v1/audit/verify"] {
                let reply = try await client.send(.get, path, token: campaigner)
                #expect(reply.status == .forbidden, "\(path)")
            }
        }
    }

    @Test func aBrokenLedgerStopsTheStart() async throws {
        let app = try await TestApp()
        try await app.services.verifyLedgerOnStart()
        try await app.services.store.writer.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_entry_append_only_delete; DELETE FROM ledger_entry WHERE seq = 1")
        }
        await #expect {
            try await app.services.verifyLedgerOnStart()
        } throws: { error in
            "\(error)".contains("the ledger does not verify: entry 1 ")
        }
    }
}

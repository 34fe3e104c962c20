import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// DeliveryReceiptStore, written once and run on both engines.
struct DeliveryReceiptStoreConformanceTests {
    let noon = Scenario.noon

    /// A HELP reply to `phone`, claimed and recorded as sent through `carrier` with carrier id `sid`.
    @discardableResult
    func sent(_ store: EngineStore, _ phone: PhoneNumber, sid: String, carrier: String = "twilio", at time: Date? = nil) async throws -> Int64 {
        let id = try #require(try await Scenario.inbound(store, phone, "in-\(sid)", .help).replies.first?.id)
        _ = try await store.store.claim(id, now: self.noon)
        try await store.store.markSent(id, carrier: carrier, carrierMessageID: sid, now: time ?? self.noon)
        return id
    }

    func receipt(_ sid: String, _ state: DeliveryState, code: String? = nil, optedOut: Bool = false, carrier: String = "twilio") -> DeliveryReceipt {
        DeliveryReceipt(carrier: carrier, carrierMessageID: sid, state: state, carrierStatus: state.rawValue, errorCode: code, recipientOptedOut: optedOut)
    }

    func status(_ store: EngineStore, _ sid: String, carrier: String = "twilio") async throws -> [String] {
        try await store.strings(
            "SELECT status || '|' || COALESCE(reason, '-') FROM outbound_message WHERE carrier = '\(carrier)' AND carrier_message_id = '\(sid)'"
        )
    }

    @Test(arguments: StoreEngine.allCases)
    func receiptsMoveTheirMessageForwardOnly(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            try await self.sent(store, Fixtures.phone(40), sid: "SM40")
            #expect(try await store.store.applyDeliveryReceipt(self.receipt("SM40", .queued), now: self.noon) == .ignored)
            #expect(try await store.store.applyDeliveryReceipt(self.receipt("SM40", .sent), now: self.noon) == .ignored)
            #expect(try await store.store.applyDeliveryReceipt(self.receipt("SM40", .delivered), now: self.noon) == .applied)
            // Out of order: a late `sent` or a contradicting final state changes nothing.
            #expect(try await store.store.applyDeliveryReceipt(self.receipt("SM40", .sent), now: self.noon) == .ignored)
            #expect(try await store.store.applyDeliveryReceipt(self.receipt("SM40", .failed), now: self.noon) == .ignored)
            #expect(try await self.status(store, "SM40") == ["delivered|twilio delivered"])
            // The same id at another carrier is another message.
            #expect(try await store.store.applyDeliveryReceipt(self.receipt("SM40", .delivered, carrier: "telnyx"), now: self.noon) == .unknown)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aCarrierOptOutSuppressesWithOneLedgerEntry(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(42)
            try await self.sent(store, phone, sid: "SM42")
            let failed = self.receipt("SM42", .failed, code: "21610", optedOut: true)
            #expect(try await store.store.applyDeliveryReceipt(failed, now: self.noon) == .applied)
            #expect(try await self.status(store, "SM42") == ["failed|twilio failed (error 21610)"])
            #expect(try await store.store.isSuppressed(phone))
            #expect(try await store.strings("SELECT source FROM suppression WHERE phone = '\(phone.e164)'") == ["carrier"])
            #expect(
                try await store.strings("SELECT action || '|' || source || '|' || raw_text FROM consent_event WHERE phone = '\(phone.e164)' ORDER BY id")
                    == ["opt_out|carrier|carrier receipt failed error 21610"]
            )
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event WHERE action = 'carrier.opt_out' AND actor = 'twilio' AND detail = '21610'") == 1)
            // A repeated callback adds no second ledger entry.
            #expect(try await store.store.applyDeliveryReceipt(failed, now: self.noon) == .ignored)
            #expect(try await store.consentActions(phone.e164).count == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aReceiptBeforeItsSendIsKeptAndAppliedWhenTheSendIsRecorded(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            // A reply: the carrier's callbacks (out of order) beat markSent.
            #expect(try await store.store.applyDeliveryReceipt(self.receipt("SM43", .delivered), now: self.noon) == .unknown)
            #expect(try await store.store.applyDeliveryReceipt(self.receipt("SM43", .sent), now: self.noon) == .unknown)
            #expect(try await store.count("SELECT COUNT(*) FROM carrier_receipt_pending WHERE state = 'delivered'") == 1)
            try await self.sent(store, Fixtures.phone(43), sid: "SM43")
            #expect(try await self.status(store, "SM43") == ["delivered|twilio delivered"])
            #expect(try await store.count("SELECT COUNT(*) FROM carrier_receipt_pending") == 0)
            // A bulk text: an opted-out failure beats recordOutcomes.
            try await Scenario.fannedOut(store, count: 2)
            let claimed = try await store.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: self.noon)
            #expect(claimed.count == 2)
            let early = self.receipt("B1", .failed, code: "21610", optedOut: true, carrier: "mock")
            #expect(try await store.store.applyDeliveryReceipt(early, now: self.noon) == .unknown)
            try await store.store.recordOutcomes(
                claimed.enumerated().map { index, message in
                    DispatchOutcome(id: message.sms.id, result: .sent(carrier: "mock", carrierMessageID: "B\(index)"))
                },
                now: self.noon
            )
            #expect(try await self.status(store, "B0", carrier: "mock") == ["sent|-"])
            #expect(try await self.status(store, "B1", carrier: "mock") == ["failed|mock failed (error 21610)"])
            #expect(try await store.store.isSuppressed(claimed[1].sms.to))
            #expect(try await store.count("SELECT COUNT(*) FROM consent_event WHERE source = 'carrier'") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM carrier_receipt_pending") == 0)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func unknownReceiptsAreForgottenAfterADay(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            _ = try await store.store.applyDeliveryReceipt(self.receipt("SMold", .delivered), now: self.noon)
            _ = try await store.store.applyDeliveryReceipt(self.receipt("SMnew", .delivered), now: self.noon.addingTimeInterval(86_401))
            #expect(try await store.strings("SELECT carrier_message_id FROM carrier_receipt_pending") == ["SMnew"])
            try await self.sent(store, Fixtures.phone(44), sid: "SMold")
            #expect(try await self.status(store, "SMold") == ["sent|-"])
        }
    }
}

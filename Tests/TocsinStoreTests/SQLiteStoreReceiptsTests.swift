import Foundation
import Testing
import TocsinCore
import TocsinTesting
@testable import TocsinStore

struct SQLiteStoreReceiptsTests {
    /// A HELP reply sent through `carrier` with carrier id `sid`.
    func sent(_ harness: StoreHarness, phone: PhoneNumber, sid: String, carrier: String = "twilio") async throws -> Int64 {
        let help = try await harness.inbound(phone, "in-\(sid)", .help)
        let id = help.replies[0].id
        _ = try await harness.store.claim(id, now: harness.now)
        try await harness.store.markSent(id, carrier: carrier, carrierMessageID: sid, now: harness.now)
        return id
    }

    func receipt(_ sid: String, _ state: DeliveryState, code: String? = nil, optedOut: Bool = false, carrier: String = "twilio") -> DeliveryReceipt {
        DeliveryReceipt(carrier: carrier, carrierMessageID: sid, state: state, carrierStatus: state.rawValue, errorCode: code, recipientOptedOut: optedOut)
    }

    @Test func aReceiptMovesItsMessageForwardOnly() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(40)
        _ = try await self.sent(harness, phone: phone, sid: "SM40")
        #expect(try await harness.store.applyDeliveryReceipt(self.receipt("SM40", .queued), now: harness.now) == .ignored)
        #expect(try await harness.store.applyDeliveryReceipt(self.receipt("SM40", .delivered), now: harness.now) == .applied)
        #expect(try await harness.store.applyDeliveryReceipt(self.receipt("SM40", .sent), now: harness.now) == .ignored)
        #expect(try await harness.store.applyDeliveryReceipt(self.receipt("SM40", .failed), now: harness.now) == .ignored)
        let stored = try await harness.store.outboundStatus(carrier: "twilio", carrierMessageID: "SM40")
        #expect(stored?.status == "delivered")
        #expect(stored?.reason == "twilio delivered")
    }

    @Test func theSameIdAtAnotherCarrierIsAnotherMessage() async throws {
        let harness = try await StoreHarness()
        _ = try await self.sent(harness, phone: Fixtures.phone(41), sid: "X41", carrier: "telnyx")
        #expect(try await harness.store.applyDeliveryReceipt(self.receipt("X41", .delivered), now: harness.now) == .unknown)
        #expect(try await harness.store.applyDeliveryReceipt(self.receipt("X41", .delivered, carrier: "telnyx"), now: harness.now) == .applied)
    }

    @Test func theErrorCodeIsKeptAndAnOptOutSuppressesWithALedgerEntry() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(42)
        _ = try await self.sent(harness, phone: phone, sid: "SM42")
        let outcome = try await harness.store.applyDeliveryReceipt(self.receipt("SM42", .failed, code: "21610", optedOut: true), now: harness.now)
        #expect(outcome == .applied)
        #expect(try await harness.store.outboundStatus(carrier: "twilio", carrierMessageID: "SM42")?.reason == "twilio failed (error 21610)")
        #expect(try await harness.store.isSuppressed(phone))
        let events = try await harness.store.consentEvents(for: phone)
        #expect(events.last?.source == "carrier")
        #expect(events.last?.action == "opt_out")
        // A repeated callback adds no second ledger entry.
        _ = try await harness.store.applyDeliveryReceipt(self.receipt("SM42", .failed, code: "21610", optedOut: true), now: harness.now)
        #expect(try await harness.store.consentEvents(for: phone).count == events.count)
    }

    @Test func aReceiptBeforeItsSendIsRecordedWaitsAndThenApplies() async throws {
        let harness = try await StoreHarness()
        let phone = Fixtures.phone(43)
        #expect(try await harness.store.applyDeliveryReceipt(self.receipt("SM43", .delivered), now: harness.now) == .unknown)
        #expect(try await harness.store.applyDeliveryReceipt(self.receipt("SM43", .sent), now: harness.now) == .unknown)
        _ = try await self.sent(harness, phone: phone, sid: "SM43")
        #expect(try await harness.store.outboundStatus(carrier: "twilio", carrierMessageID: "SM43")?.status == "delivered")
    }

    @Test func unknownReceiptsAreForgottenAfterADay() async throws {
        let harness = try await StoreHarness()
        _ = try await harness.store.applyDeliveryReceipt(self.receipt("SMold", .delivered), now: harness.now)
        _ = try await harness.store.applyDeliveryReceipt(self.receipt("SMnew", .delivered), now: harness.now.addingTimeInterval(86_401))
        _ = try await self.sent(harness, phone: Fixtures.phone(44), sid: "SMold")
        #expect(try await harness.store.outboundStatus(carrier: "twilio", carrierMessageID: "SMold")?.status == "sent")
    }
}

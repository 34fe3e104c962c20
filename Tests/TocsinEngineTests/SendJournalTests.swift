import Foundation
import Testing
import TocsinCore
import TocsinStore
import TocsinTesting
@testable import TocsinEngine

struct SendJournalTests {
    static let noon = DispatchHarness.mondayNoon

    func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID()).txt").path
    }

    @Test func notesOfThisBootAreReadBack() throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try SendJournal(path: path, bootID: "boot-1")
        journal.resetAfterRecovery(now: Self.noon)
        #expect(journal.started(1))
        #expect(journal.started(2))
        journal.accepted(2, carrier: "mock", carrierMessageID: "MOCK2")
        let facts = try #require(journal.facts())
        #expect(facts.started == [1, 2])
        #expect(facts.accepted == [2: SendJournalFacts.Acceptance(carrier: "mock", carrierMessageID: "MOCK2")])
        // A later process on the same boot reads the same notes.
        #expect(try SendJournal(path: path, bootID: "boot-1").facts() == facts)
    }

    @Test(arguments: [Int64(0), 9, 10, 1_000_000_007, Int64.max])
    func idsOfAnySizeAreNotedInDecimal(_ id: Int64) throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try SendJournal(path: path, bootID: "boot-1")
        journal.resetAfterRecovery(now: Self.noon)
        #expect(journal.started(id))
        journal.accepted(id, carrier: "mock", carrierMessageID: "M\(id)")
        let text = String(decoding: journal.file.contents(), as: UTF8.self)
        #expect(text.hasSuffix("S\t\(id)\nA\t\(id)\tmock\tM\(id)\n"))
        #expect(try #require(journal.facts()).accepted[id]?.carrierMessageID == "M\(id)")
    }

    @Test func aJournalFromAnotherBootOrWithoutItsHeaderIsNotTrusted() throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try SendJournal(path: path, bootID: "boot-1")
        #expect(journal.started(1))
        #expect(journal.facts() == nil, "no boot line: nothing is known")
        journal.resetAfterRecovery(now: Self.noon)
        #expect(journal.facts() == SendJournalFacts(since: Self.noon))
        #expect(try SendJournal(path: path, bootID: "boot-2").facts() == nil)
        #expect(try SendJournal(path: path, bootID: "").facts() == nil)
    }

    @Test func aTornLastLineIsIgnored() {
        let facts = SendJournal.facts("B\tb\t1000\nS\t1\nA\t1\tmock\tM1\nS\t2", bootID: "b")
        #expect(facts?.since == Date(timeIntervalSince1970: 1))
        #expect(facts?.started == [1])
        #expect(facts?.accepted[1]?.carrierMessageID == "M1")
    }

    @Test func anIdWithATabOrLineBreakStaysOneNote() throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try SendJournal(path: path, bootID: "b")
        journal.resetAfterRecovery(now: Self.noon)
        journal.accepted(4, carrier: "odd\tcarrier", carrierMessageID: "X\nS\t9")
        let facts = try #require(journal.facts())
        #expect(facts.started == [4])
        #expect(facts.accepted[4] == SendJournalFacts.Acceptance(carrier: "odd carrier", carrierMessageID: "X S 9"))
    }

    @Test func keptNotesSurviveResetsUntilTheNextRecovery() throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let journal = try SendJournal(path: path, bootID: "b")
        journal.resetAfterRecovery(now: Self.noon)
        #expect(journal.started(7))
        journal.keep()
        journal.reset(now: Self.noon)
        #expect(journal.facts()?.started == [7])
        journal.resetAfterRecovery(now: Self.noon)
        #expect(journal.facts()?.started == [])
    }

    @Test func anUnopenableJournalSaysWhichFile() {
        #expect(throws: CarrierError.self) { try SendJournal(path: "/nonexistent-dir/journal") }
    }

    @Test func theDispatcherNotesEachCallAndEmptiesTheJournalWhenAllIsRecorded() async throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let harness = try await DispatchHarness(subscribers: 3)
        try await harness.broadcast()
        var dispatcher = harness.dispatcher()
        let journal = try SendJournal(path: path, bootID: "b")
        dispatcher.journal = journal
        #expect(try await dispatcher.recover() == 0)
        #expect(await dispatcher.runOnce() == 3)
        let facts = try #require(journal.facts())
        #expect(facts.started.count == 3)
        #expect(Set(facts.accepted.values.map(\.carrierMessageID)).count == 3)
        try await harness.broadcast("Again")
        #expect(await dispatcher.drain() == 3)
        #expect(journal.facts() == SendJournalFacts(since: harness.clock.now))
    }

    @Test func afterACrashOnlyCallsInFlightAreInDoubt() async throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let harness = try await DispatchHarness(subscribers: 3)
        try await harness.broadcast()
        let claimed = try await harness.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: harness.clock.now)
        // The process noted one call accepted and one started, then died; the third call never started.
        let before = try SendJournal(path: path, bootID: "b")
        before.resetAfterRecovery(now: harness.clock.now)
        #expect(before.started(claimed[0].sms.id))
        before.accepted(claimed[0].sms.id, carrier: "mock", carrierMessageID: "M0")
        #expect(before.started(claimed[1].sms.id))
        var dispatcher = harness.dispatcher()
        dispatcher.journal = try SendJournal(path: path, bootID: "b")
        #expect(try await dispatcher.recover() == 1)
        let records = try await harness.store.bulkRecords()
        #expect(records.map(\.status) == ["sent", "failed", "queued"])
        #expect(records.map(\.inDoubt) == [false, true, false])
        #expect(records[0].body == claimed[0].sms.body)
        // The message whose call never started is sent once, by the next pass.
        #expect(await dispatcher.runOnce() == 1)
        #expect(harness.carrier.sent.map(\.id) == [claimed[2].sms.id])
    }

    @Test func leasesTakenBeforeTheJournalWasEmptiedKeepTheCrashPolicy() async throws {
        // A database restored from a backup can hold a lease from before the journal's last emptying: the
        // journal cannot say whether that message went out since, so it stays in doubt.
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let harness = try await DispatchHarness(subscribers: 2)
        try await harness.broadcast()
        _ = try await harness.store.claimBulk(limit: 10, gate: SendGate(), brand: "B", lease: 60, now: harness.clock.now)
        let journal = try SendJournal(path: path, bootID: "b")
        journal.resetAfterRecovery(now: harness.clock.now.addingTimeInterval(1))
        var dispatcher = harness.dispatcher()
        dispatcher.journal = journal
        #expect(try await dispatcher.recover() == 2)
        #expect(try await harness.store.bulkRecords().allSatisfy { $0.inDoubt })
    }
}

import Foundation
import Testing
import TocsinCore
import TocsinTesting

/// InboundStore, written once and run on both engines.
struct InboundStoreConformanceTests {
    let noon = Scenario.noon

    func campaign(_ store: EngineStore) async throws -> Campaign {
        try await store.store.upsertCampaign(Fixtures.rights, actor: "t", now: self.noon)
    }

    @Test(arguments: StoreEngine.allCases)
    func aJoinWritesSubscriptionLedgerAndReplyTogether(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await self.campaign(store)
            let phone = Fixtures.phone(1)
            let outcome = try await Scenario.inbound(store, phone, "m1", .join, body: "RIGHTS", language: "fr", rule: "join:rights", join: rights.id)
            #expect(outcome.disposition == .joined && !outcome.duplicate)
            #expect(outcome.replies.map(\.kind) == [.joinConfirmation])
            #expect(outcome.replies.first?.campaign == "rights" && outcome.replies.first?.body == "join_confirmation/fr")
            #expect(try await Scenario.subscription(store, phone, campaign: rights.id) == "active")
            #expect(try await store.strings("SELECT language FROM subscriber WHERE phone = '\(phone.e164)'") == ["fr"])
            #expect(try await store.consentActions(phone.e164) == ["opt_in"])
            #expect(
                try await store.count(
                    """
                    SELECT COUNT(*) FROM consent_event WHERE phone = '\(phone.e164)' AND campaign_id = \(rights.id) AND scope = 'campaign'
                      AND source = 'keyword' AND raw_text = 'RIGHTS' AND rule = 'join:rights' AND keyword = 'join:rights' AND tier = 'exact'
                      AND inbound_message_id = \(outcome.inboundID) AND language = 'fr'
                    """
                ) == 1
            )
            #expect(
                try await store.count(
                    """
                    SELECT COUNT(*) FROM inbound_message WHERE id = \(outcome.inboundID) AND disposition = 'joined' AND intent = 'join'
                      AND campaign_id = \(rights.id) AND body = 'RIGHTS'
                    """
                ) == 1
            )
            #expect(
                try await store.count(
                    "SELECT COUNT(*) FROM outbound_message WHERE lane = 'reply' AND status = 'queued' AND in_reply_to = \(outcome.inboundID)"
                ) == 1
            )
            // No audit row of its own (only the campaign's upsert): the inbound row and the consent event record it.
            #expect(try await store.count("SELECT COUNT(*) FROM audit_event") == 1)
        }
    }

    @Test(arguments: StoreEngine.allCases, [("STOP", "en"), ("ARRET", "fr"), ("PARA", "es"), ("退订", "zh")])
    func anOptOutInAnyLanguageSuppressesOnceAndConfirmsOnce(engine: StoreEngine, keyword: (String, String)) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await self.campaign(store)
            let phone = Fixtures.phone(2)
            try await Scenario.inbound(store, phone, "j", .join, join: rights.id)
            let (body, language) = keyword
            let stop = try await Scenario.inbound(store, phone, "s1", .optOut, body: body, language: language, rule: "\(language).stop")
            #expect(stop.disposition == .optedOut)
            #expect(stop.replies.map(\.body) == ["opt_out_confirmation/\(language)"])
            #expect(try await store.store.isSuppressed(phone))
            #expect(try await Scenario.subscription(store, phone, campaign: rights.id) == "opted_out")
            #expect(try await store.consentActions(phone.e164) == ["opt_in", "opt_out"])
            #expect(
                try await store.count(
                    """
                    SELECT COUNT(*) FROM consent_event WHERE action = 'opt_out' AND scope = 'org' AND campaign_id IS NULL
                      AND source = 'keyword' AND raw_text = '\(body)' AND language = '\(language)' AND inbound_message_id = \(stop.inboundID)
                    """
                ) == 1
            )
            #expect(try await store.count("SELECT COUNT(*) FROM suppression WHERE phone = '\(phone.e164)' AND source = 'keyword'") == 1)
            // A second STOP changes nothing and gets no reply.
            let again = try await Scenario.inbound(store, phone, "s2", .optOut, body: body, language: language)
            #expect(again.disposition == .alreadyOptedOut && again.replies.isEmpty)
            #expect(try await store.consentActions(phone.e164) == ["opt_in", "opt_out"])
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func startRestoresOnlyConsentedCampaignsAndOopsOnlyWithinTheWindow(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await self.campaign(store)
            let joined = Fixtures.phone(3)
            try await Scenario.inbound(store, joined, "j", .join, join: rights.id)
            try await Scenario.inbound(store, joined, "s", .optOut)
            let start = try await Scenario.inbound(store, joined, "start", .optIn)
            #expect(start.disposition == .optedIn)
            #expect(start.replies.map(\.kind) == [.optInConfirmation])
            #expect(try await store.store.isSuppressed(joined) == false)
            #expect(try await Scenario.subscription(store, joined, campaign: rights.id) == "active")
            #expect(try await store.consentActions(joined.e164) == ["opt_in", "opt_out", "re_opt_in", "re_opt_in"])
            // A number that never joined: unsuppressed, nothing to restore.
            let stranger = Fixtures.phone(4)
            try await Scenario.inbound(store, stranger, "s4", .optOut)
            let nothing = try await Scenario.inbound(store, stranger, "start4", .optIn)
            #expect(nothing.replies.map(\.kind) == [.optInNothingToRestore])
            #expect(try await store.store.isSuppressed(stranger) == false)
            // OOPS within the undo window restores; after it, it is inbox text.
            let undone = Fixtures.phone(5)
            try await Scenario.inbound(store, undone, "j5", .join, join: rights.id)
            try await Scenario.inbound(store, undone, "s5", .optOut)
            let oops = try await Scenario.inbound(store, undone, "o5", .undo, at: self.noon.addingTimeInterval(600))
            #expect(oops.disposition == .undone)
            #expect(try await Scenario.subscription(store, undone, campaign: rights.id) == "active")
            let late = Fixtures.phone(6)
            try await Scenario.inbound(store, late, "s6", .optOut)
            let tooLate = try await Scenario.inbound(store, late, "o6", .undo, at: self.noon.addingTimeInterval(3601))
            #expect(tooLate.disposition == .inbox && tooLate.replies.isEmpty)
            #expect(try await store.store.isSuppressed(late))
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func helpIsAnsweredQueuedOrInline(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await self.campaign(store)
            let member = Fixtures.phone(7)
            try await Scenario.inbound(store, member, "j", .join, join: rights.id)
            let help = try await Scenario.inbound(store, member, "h", .help)
            #expect(help.disposition == .help)
            #expect(help.replies.map(\.kind) == [.help] && help.replies.first?.campaign == "rights")
            let inline = try await Scenario.inbound(store, Fixtures.phone(8), "h8", .help, route: .inline)
            #expect(inline.replies.first?.campaign == nil)
            #expect(
                try await store.strings(
                    "SELECT status || ':' || carrier FROM outbound_message WHERE phone = '\(Fixtures.phone(8).e164)' AND sent_at IS NOT NULL"
                ) == ["sent:mock"]
            )
            #expect(try await store.store.queuedReplies(limit: 10).count == 2)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func yesConfirmsAPendingWebOptIn(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await self.campaign(store)
            let phone = Fixtures.phone(9)
            let request = WebOptInRequest(
                phone: phone, campaignSlug: "rights", disclosure: "d", sourceURL: "https://act.example.org", ip: nil,
                userAgent: nil, language: "en", firstName: nil, actor: "petitions"
            )
            _ = try await store.store.requestWebOptIn(request, renderer: KindRenderer(), sender: Scenario.sender, now: self.noon)
            let yes = try await Scenario.inbound(store, phone, "y", .confirm, body: "Y")
            #expect(yes.disposition == .confirmed)
            #expect(yes.replies.map(\.kind) == [.joinConfirmation])
            #expect(try await Scenario.subscription(store, phone, campaign: rights.id) == "active")
            #expect(try await store.consentActions(phone.e164) == ["opt_in_requested", "confirm"])
            // Y from a number with nothing pending is inbox text.
            let stray = try await Scenario.inbound(store, Fixtures.phone(10), "y10", .confirm, body: "Y")
            #expect(stray.disposition == .inbox && stray.replies.isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func anAmbiguousTextOpensAReviewWithoutOptOutOrReply(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let phone = Fixtures.phone(11)
            let outcome = try await Scenario.ambiguous(store, phone, "a")
            #expect(outcome.disposition == .review && outcome.replies.isEmpty)
            #expect(try await store.store.isSuppressed(phone) == false)
            #expect(try await store.store.hasPendingReview(phone))
            let items = try await store.store.reviewItems(status: .pending, limit: 10)
            #expect(items.map(\.inboundMessageID) == [outcome.inboundID])
            #expect(items.first?.deadline == Scenario.policy.calendar.adding(businessDays: 2, to: self.noon))
            #expect(try await store.consentActions(phone.e164).isEmpty)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aCarrierRetryIsProcessedOnce(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            let rights = try await self.campaign(store)
            let phone = Fixtures.phone(12)
            let first = try await Scenario.inbound(store, phone, "same", .join, join: rights.id)
            let retry = try await Scenario.inbound(store, phone, "same", .join, join: rights.id)
            #expect(retry.duplicate && retry.inboundID == first.inboundID && retry.replies.isEmpty && retry.disposition == nil)
            #expect(try await store.count("SELECT COUNT(*) FROM inbound_message") == 1)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message") == 1)
            #expect(try await store.consentActions(phone.e164) == ["opt_in"])
            // The same id from another carrier is another message; two copies in one batch store one row.
            let other = Scenario.work(phone, "same", .help, carrier: "telnyx")
            let results = try await store.store.commitInbound([other, other], policy: Scenario.policy, renderer: KindRenderer(), now: self.noon)
            #expect(try results.map { try $0.get().duplicate } == [false, true])
            #expect(try await store.count("SELECT COUNT(*) FROM inbound_message") == 2)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aFailingMessageFailsAloneInItsBatch(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            _ = try await self.campaign(store)
            let batch = [
                Scenario.work(Fixtures.phone(13), "ok1", .optOut),
                // A join naming a campaign that does not exist: the inbound row's reference fails.
                Scenario.work(Fixtures.phone(14), "bad", .join, join: 999),
                Scenario.work(Fixtures.phone(15), "ok2", .optOut),
            ]
            let results = try await store.store.commitInbound(batch, policy: Scenario.policy, renderer: KindRenderer(), now: self.noon)
            #expect(results.count == 3)
            #expect((try? results[0].get())?.disposition == .optedOut)
            #expect((try? results[2].get())?.disposition == .optedOut)
            guard case .failure(let error) = results[1] else {
                Issue.record("the bad message did not fail")
                return
            }
            #expect(error.kind == .invalid)
            #expect(try await store.count("SELECT COUNT(*) FROM inbound_message") == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM suppression") == 2)
            #expect(try await store.count("SELECT COUNT(*) FROM subscriber WHERE phone = '\(Fixtures.phone(14).e164)'") == 0)
        }
    }

    @Test(arguments: StoreEngine.allCases)
    func aBatchOfManyTextsIsCommittedTogetherInOrder(engine: StoreEngine) async throws {
        try await EngineStore.with(engine) { store in
            // 300 numbers, each texting STOP twice in one batch: the second of each sees the first.
            let phones = (0..<300).map { Fixtures.phone(100 + $0) }
            let batch = phones.flatMap { [Scenario.work($0, "a\($0.e164)", .optOut), Scenario.work($0, "b\($0.e164)", .optOut)] }
            let results = try await store.store.commitInbound(batch, policy: Scenario.policy, renderer: KindRenderer(), now: self.noon)
            let dispositions = try results.map { try $0.get().disposition }
            #expect(dispositions == Array(repeating: [InboundDisposition.optedOut, .alreadyOptedOut], count: 300).flatMap { $0 })
            #expect(try await store.count("SELECT COUNT(*) FROM suppression") == 300)
            #expect(try await store.count("SELECT COUNT(*) FROM outbound_message WHERE kind = 'opt_out_confirmation'") == 300)
        }
    }
}

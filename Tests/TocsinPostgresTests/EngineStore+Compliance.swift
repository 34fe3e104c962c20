import Foundation
import TocsinCore
@testable import TocsinPostgres
@testable import TocsinStore

/// The compliance, erasure and unsubscribe-link methods (not behind a store protocol), on either engine.
extension EngineStore {
    func erase(_ phone: PhoneNumber, actor: String, reason: String?, now: Date) async throws -> ErasureOutcome {
        if let sqlite = self.sqlite { return try await sqlite.erase(phone, actor: actor, reason: reason, now: now) }
        return try await self.postgres!.erase(phone, actor: actor, reason: reason, now: now)
    }

    func recordOptOut(_ request: OptOutRequest, now: Date) async throws -> OptOutRecorded {
        if let sqlite = self.sqlite { return try await sqlite.recordOptOut(request, now: now) }
        return try await self.postgres!.recordOptOut(request, now: now)
    }

    func subscriberPhone(id: Int64) async throws -> PhoneNumber? {
        if let sqlite = self.sqlite { return try await sqlite.subscriberPhone(id: id) }
        return try await self.postgres!.subscriberPhone(id: id)
    }

    func optOutLog(from: Date, to: Date, limit: Int = 1_000_000) async throws -> [OptOutLogEntry] {
        if let sqlite = self.sqlite { return try await sqlite.optOutLog(from: from, to: to, limit: limit) }
        return try await self.postgres!.optOutLog(from: from, to: to, limit: limit)
    }

    func consentProof(_ phone: PhoneNumber) async throws -> ConsentProof {
        if let sqlite = self.sqlite { return try await sqlite.consentProof(phone) }
        return try await self.postgres!.consentProof(phone)
    }

    func twilioConsents(from: Date, to: Date, senderID: String) async throws -> [TwilioConsentItem] {
        if let sqlite = self.sqlite { return try await sqlite.twilioConsents(from: from, to: to, senderID: senderID) }
        return try await self.postgres!.twilioConsents(from: from, to: to, senderID: senderID)
    }

    func deadlineReport(now: Date, since: Date, deadline: OptOutDeadlineFunction) async throws -> DeadlineReport {
        if let sqlite = self.sqlite { return try await sqlite.deadlineReport(now: now, since: since, deadline: deadline) }
        return try await self.postgres!.deadlineReport(now: now, since: since, deadline: deadline)
    }

    func deadlineCounts(now: Date, since: Date, deadline: OptOutDeadlineFunction) async throws -> DeadlineCounts {
        if let sqlite = self.sqlite { return try await sqlite.deadlineCounts(now: now, since: since, deadline: deadline) }
        return try await self.postgres!.deadlineCounts(now: now, since: since, deadline: deadline)
    }

    func recipientGroups(campaignID: Int64, channel: TocsinCore.Channel, policies: PolicySet) async throws -> [LaunchCheck.RecipientGroup] {
        if let sqlite = self.sqlite { return try await sqlite.recipientGroups(campaignID: campaignID, channel: channel, policies: policies) }
        return try await self.postgres!.recipientGroups(campaignID: campaignID, channel: channel, policies: policies)
    }

    func configureUnsubscribeLinks(baseURL: String, validityDays: Int) {
        if let sqlite = self.sqlite { return sqlite.configureUnsubscribeLinks(baseURL: baseURL, validityDays: validityDays) }
        self.postgres!.configureUnsubscribeLinks(baseURL: baseURL, validityDays: validityDays)
    }

    var links: UnsubscribeLinks? { self.sqlite?.links ?? self.postgres?.links }
}

import Foundation
import Testing
import TocsinCore
@testable import TocsinStore

struct ClaimReservationsTests {
    func plan(sending ids: [Int64], closing: [Int64] = [], remind: Int64? = nil) -> BulkClaimPlan {
        var plan = BulkClaimPlan(nowMS: 0, leaseMS: 60_000)
        for id in ids {
            let sms = OutboundSMS(id: id, to: PhoneNumber(e164: "+1212200000\(id % 10)")!, from: "+14155550100", body: "b", kind: .alert, campaign: "c")
            plan.leases.append(BulkClaimPlan.Lease(message: ClaimedMessage(sms: sms, attempts: 1, expiresAt: nil, sendBy: nil), campaignID: 7, remindedSubscriber: remind))
        }
        plan.closes = closing.map { ($0, "suppressed", "r") }
        return plan
    }

    @Test func aPlannedRowIsLeftOutAndCountedUntilAPlanStartsAfterItSettled() {
        let reservations = ClaimReservations()
        #expect(reservations.begin().excluded.isEmpty)
        reservations.reserve(self.plan(sending: [1, 11], closing: [2], remind: 5))
        let ticket = reservations.begin()
        #expect(Set(ticket.excluded) == [1, 11, 2])
        // Both sends go to +12122000001 in campaign 7.
        #expect(ticket.sends == ["+12122000001|7": 2])
        #expect(ticket.reminded == [5])
        // Settled rows stay until the next plan starts (a plan already running has its own ticket).
        reservations.settle([1, 2])
        #expect(reservations.count == 3)
        let later = reservations.begin()
        #expect(later.excluded == [11])
        #expect(later.sends == ["+12122000001|7": 1])
        #expect(reservations.count == 1)
    }

    @Test func settlingUnknownRowsChangesNothing() {
        let reservations = ClaimReservations()
        reservations.reserve(self.plan(sending: [3]))
        reservations.settle([4, 5])
        #expect(reservations.begin().excluded == [3])
    }

    @Test func theSendKeyIsTheNumberAndTheCampaign() {
        #expect(BulkClaim.sendKey("+12122000001", 7) == "+12122000001|7")
    }
}

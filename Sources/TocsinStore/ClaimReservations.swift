import Synchronization

/// The rows of bulk claims that were planned but that a new snapshot may not show as taken yet, so that the
/// next claims can be planned while the last ones are still being leased (the dispatcher plans up to two ahead).
///
/// A row is reserved from the moment its plan is made until the next plan that starts after its plan was
/// applied (or failed to apply): that plan's snapshot shows its lease or its new status. Until then each new
/// plan leaves it out, counts a send planned for it towards the frequency caps of its number and campaign,
/// and counts the opt-out reminder it carries as given.
///
/// A plan that starts just before an apply commits may see that apply in its snapshot and still count the
/// reservation: a send counted twice can only make the caps stricter, never let one more message through.
final class ClaimReservations: Sendable {
    /// What a plan must know of the reservations when it starts.
    struct Ticket: Sendable {
        /// The rows to leave out of the plan.
        let excluded: [Int64]
        /// Sends planned but maybe not yet visible, by "phone|campaign id" (the planner's key).
        let sends: [String: Int]
        /// Subscribers whose opt-out reminder a planned send carries.
        let reminded: Set<Int64>
    }

    private struct Row {
        /// "phone|campaign id" when the plan sends this row.
        var sendKey: String?
        var remindedSubscriber: Int64?
        /// Whether a transaction applying its plan has ended.
        var settled = false
    }

    private let rows = Mutex<[Int64: Row]>([:])

    /// Starts a plan (call it before the plan's snapshot begins): forgets the rows whose outcome every
    /// snapshot from now on sees, then says what this plan must add to its snapshot.
    func begin() -> Ticket {
        self.rows.withLock { rows in
            rows = rows.filter { !$0.value.settled }
            var sends: [String: Int] = [:]
            var reminded: Set<Int64> = []
            for row in rows.values {
                if let key = row.sendKey { sends[key, default: 0] += 1 }
                if let subscriber = row.remindedSubscriber { reminded.insert(subscriber) }
            }
            return Ticket(excluded: Array(rows.keys), sends: sends, reminded: reminded)
        }
    }

    /// Reserves the rows a plan decided.
    func reserve(_ plan: BulkClaimPlan) {
        self.rows.withLock { rows in
            for lease in plan.leases {
                let sms = lease.message.sms
                rows[sms.id] = Row(sendKey: BulkClaim.sendKey(sms.to.e164, lease.campaignID), remindedSubscriber: lease.remindedSubscriber)
            }
            for id in plan.closes.map(\.id) + plan.defers.map(\.id) {
                rows[id] = Row()
            }
        }
    }

    /// Notes that a transaction applying (or failing to apply) these rows has ended: a snapshot begun from
    /// now on sees what it did, so the next plan to start forgets them.
    func settle(_ ids: some Sequence<Int64>) {
        self.rows.withLock { rows in
            for id in ids { rows[id]?.settled = true }
        }
    }

    /// How many rows are reserved (for tests).
    var count: Int { self.rows.withLock { $0.count } }
}

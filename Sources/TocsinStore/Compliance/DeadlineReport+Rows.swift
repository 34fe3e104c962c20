import Foundation
import TocsinCore

extension DeadlineReport {
    /// A pending review item as stored: its id, number (E.164 or an erased stand-in) and when its text arrived
    /// (milliseconds since 1970).
    public typealias PendingRow = (id: Int64, phone: String, receivedAt: Int64)
    /// An `opt_out` consent event as stored: its id, number, when the request arrived and when it was honoured.
    public typealias OptOutRow = (id: Int64, phone: String, receivedAt: Int64, resolvedAt: Int64)

    /// The report over stored rows (the same on every engine): pending items due within 24 hours or overdue,
    /// and opt-outs honoured after their deadline, each counted; rows in the order given.
    public init(pending: [PendingRow], optOuts: [OptOutRow], now: Date, deadline: OptOutDeadlineFunction) {
        var items: [DeadlineItem] = []
        var counts = DeadlineCounts()
        for row in pending {
            let number = PhoneNumber(e164: row.phone)
            let received = Date(millisecondsSince1970: row.receivedAt)
            let due = deadline(number, received)
            let status = DeadlineStatus.assess(deadline: due, resolved: nil, now: now)
            counts.pending += 1
            if status == .dueSoon { counts.dueSoon += 1 }
            if status == .overdue { counts.overdue += 1 }
            guard status == .dueSoon || status == .overdue else { continue }
            items.append(DeadlineItem(
                kind: "review", id: row.id, phone: number?.masked ?? "erased", receivedAt: received, deadline: due, resolvedAt: nil,
                status: status
            ))
        }
        for row in optOuts {
            let number = PhoneNumber(e164: row.phone)
            let received = Date(millisecondsSince1970: row.receivedAt)
            let resolved = Date(millisecondsSince1970: row.resolvedAt)
            let due = deadline(number, received)
            guard DeadlineStatus.assess(deadline: due, resolved: resolved, now: now) == .late else { continue }
            counts.late += 1
            items.append(DeadlineItem(
                kind: "opt_out", id: row.id, phone: number?.masked ?? "erased", receivedAt: received, deadline: due,
                resolvedAt: resolved, status: .late
            ))
        }
        self.init(items: items, counts: counts)
    }
}

import Foundation
import Testing
import TocsinCore
import TocsinServer

struct ServerMetricsTests {
    @Test func gaugesFollowTheSnapshotAtEachRender() {
        let metrics = ServerMetrics()
        var snapshot = OperationsSnapshot(
            queueDepth: [.init(lane: "bulk", status: "queued"): 1200, .init(lane: "reply", status: "sending"): 3],
            reviewPending: 4, reviewOldestAge: 5400, reviewOverdue: 1, fanoutsInProgress: 1, fanoutRecipientsWritten: 50_000,
            inDoubt: 2
        )
        let first = metrics.render(snapshot)
        #expect(first.contains(#"tocsin_queue_depth{lane="bulk",status="queued"} 1200"#))
        #expect(first.contains(#"tocsin_queue_depth{lane="reply",status="sending"} 3"#))
        #expect(first.contains(#"tocsin_queue_depth{lane="reply",status="queued"} 0"#))
        #expect(first.contains("tocsin_review_queue_size 4"))
        #expect(first.contains("tocsin_review_oldest_age_seconds 5400"))
        #expect(first.contains(#"tocsin_deadline_breaches{kind="review"} 1"#))
        #expect(first.contains("tocsin_fanout_recipients_written 50000"))
        #expect(first.contains("tocsin_in_doubt_messages 2"))
        #expect(!first.contains("tocsin_opt_out_deadlines"))
        let withDeadlines = metrics.render(snapshot, deadlines: DeadlineCounts(pending: 3, dueSoon: 1, overdue: 1, late: 2))
        #expect(withDeadlines.contains(#"tocsin_deadline_breaches{kind="opt_out"} 3"#))
        #expect(withDeadlines.contains(#"tocsin_opt_out_deadlines{state="due_soon"} 1"#))
        #expect(withDeadlines.contains(#"tocsin_opt_out_deadlines{state="pending"} 3"#))
        snapshot.queueDepth = [:]
        snapshot.reviewOverdue = 0
        let second = metrics.render(snapshot)
        #expect(second.contains(#"tocsin_queue_depth{lane="bulk",status="queued"} 0"#))
        #expect(second.contains(#"tocsin_deadline_breaches{kind="review"} 0"#))
    }

    @Test func twoInstancesInOneProcessKeepSeparateCounts() {
        let one = ServerMetrics()
        let two = ServerMetrics()
        one.engine.optOut(source: "staff")
        #expect(one.render(OperationsSnapshot()).contains(#"tocsin_opt_outs_total{source="staff"} 1"#))
        #expect(!two.render(OperationsSnapshot()).contains("tocsin_opt_outs_total"))
    }
}

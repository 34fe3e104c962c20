import Foundation
import TocsinCore
import TocsinStore
import TocsinTesting

#if canImport(Glibc)
import Glibc
#endif

/// Fan-out of one occurrence to N subscribers, beside a raw batched insert of the same rows.
enum FanoutBench {
    /// Seeds N active subscribers and a one-off alert due now (run in its own process).
    static func seed(path: String, count: Int) async throws -> String {
        let store = try SQLiteStore(path: path)
        let campaign = try await store.upsertCampaign(Fixtures.rights, actor: "bench", now: Date())
        try await store.seedSubscribers(campaignID: campaign.id, count: count, now: Date())
        _ = try await store.createAlert(
            Alert(campaignID: campaign.id, name: "bench", bodies: ["en": "Act now"], schedule: .once(at: Date()), createdBy: "bench", createdAt: Date()),
            now: Date()
        )
        return "seeded \(count) subscribers"
    }

    /// Materialises the occurrence and fans it out to the end, timing it and reporting peak memory.
    static func fanout(path: String, batch: Int) async throws -> [String] {
        let store = try SQLiteStore(path: path)
        let start = ContinuousClock.now
        guard let alert = try await store.dueAlerts(now: Date()).first, let occurrence = try alert.nextOccurrence(after: nil) else {
            return ["no due alert: run the seed step first"]
        }
        try await store.materialize(occurrence, of: alert, next: nil, now: Date())
        var rows = 0
        for id in try await store.unfinishedFanouts() {
            while true {
                let step = try await store.fanOut(occurrenceID: id, sender: "+14155550100", batchSize: batch, now: Date())
                rows += step.inserted
                if step.done { break }
            }
        }
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        let fanout = String(format: "fan-out of one occurrence: %d rows in %.2f s (%.0f rows/s), batches of %d", rows, seconds, Double(rows) / seconds, batch)
        let rawStart = ContinuousClock.now
        let raw = try await store.rawOutboxInsert(count: rows, batch: batch)
        let rawSeconds = (ContinuousClock.now - rawStart) / .seconds(1)
        let baseline = String(format: "raw batched INSERT of the same rows (no join, no suppression check): %d rows in %.2f s (%.0f rows/s)", raw, rawSeconds, Double(raw) / rawSeconds)
        return [fanout, baseline, String(format: "peak memory (max RSS of this process): %.0f MB (target <= 256 MB); fan-out target <= 5 s for 1,000,000", peakMegabytes())]
    }

    static func peakMegabytes() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

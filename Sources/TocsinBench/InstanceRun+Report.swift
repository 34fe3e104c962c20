import Foundation

extension InstanceRun {
    /// One line for concurrent runs taken together: the total over the wall time from the first start to the
    /// last finish, then each instance's own figure, e.g.
    /// `2 instances: 100000 in 4.10 s = 24390/s aggregate (a 50120 at 12500/s, b 49880 at 12400/s)`.
    static func report(_ runs: [InstanceRun], unit: String) -> String {
        guard let total = self.aggregate(runs) else { return "no runs to add up (no `run …` line was found)" }
        let each = runs.sorted(by: { $0.name < $1.name })
            .map { "\($0.name) \($0.count) at " + String(format: "%.0f", $0.rate) + "/s" }
            .joined(separator: ", ")
        return "\(runs.count) instance\(runs.count == 1 ? "" : "s"): \(total.count) \(unit) in "
            + String(format: "%.2f s = %.0f \(unit)/s aggregate", total.seconds, total.rate) + " (\(each))"
    }
}

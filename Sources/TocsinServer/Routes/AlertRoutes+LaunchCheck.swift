import Foundation
import Hummingbird
import TocsinCore

extension AlertRoutes {
    /// Runs the launch check of an alert's bodies against the jurisdictions of the campaign's current active
    /// subscribers on `channel`.
    ///
    /// - Parameter alertID: the stored alert being resumed (nil: a new alert); decides whether it is the
    ///   campaign's first message (no earlier alert, and for a stored one, no occurrence yet).
    func launchCheck(bodies: [String: String], channel: Channel, campaign: Campaign, alertID: Int64?) async throws -> LaunchCheck.Report {
        let alerts = try await self.services.store.alerts(campaignID: campaign.id)
        var isFirst = alerts.isEmpty
        if let alertID {
            let occurrences = try await self.services.store.alertProgress(id: alertID).occurrences
            isFirst = !alerts.contains { $0.id < alertID } && occurrences == 0
        }
        let groups = try await self.services.store.recipientGroups(campaignID: campaign.id, channel: channel, policies: self.services.policies)
        let check = LaunchCheck(
            bodies: bodies, channel: channel, campaign: campaign, brand: self.services.config.profile.brand,
            isFirstMessage: isFirst, oneWaySender: LaunchCheck.isOneWay(sender: self.services.config.profile.defaultSender)
        )
        return check.run(recipients: groups, policies: self.services.policies)
    }

    /// Whether a failed check refuses the alert (`compliance.launch_checks: enforce`).
    func refuses(_ report: LaunchCheck.Report) -> Bool {
        !report.passed && self.services.config.compliance.launchChecks == .enforce
    }

    /// The 422 answer: the error and the full launch check.
    func refusal(_ report: LaunchCheck.Report, action: String) -> Response {
        let count = report.failures.count
        let message = "the alert cannot be \(action): \(count) launch-check rule\(count == 1 ? "" : "s") failed; "
            + "fix the bodies (see launch_check.failures): " + report.failures.map { "\($0.jurisdiction) \($0.rule.id): \($0.reason)" }.joined(separator: "; ")
        return JSON.fields([
            ("error", .object(["code": .string("launch_check_failed"), "message": .string(message)])),
            ("launch_check", Self.json(report)),
        ]).response(status: .unprocessableContent)
    }

    /// `{"passed":…,"failures":[…],"jurisdictions":[…]}`.
    static func json(_ report: LaunchCheck.Report) -> JSON {
        let failures = report.failures.map { failure in
            JSON.fields([
                ("jurisdiction", .string(failure.jurisdiction)), ("rule", .string(failure.rule.id)),
                ("requirement", .string(failure.requirement)), ("reason", .string(failure.reason)),
                ("source", .string(failure.rule.source)), ("basis", .string(failure.rule.basis)),
            ])
        }
        let jurisdictions = report.figures.map { figures in
            JSON.fields([
                ("jurisdiction", .string(figures.jurisdiction)), ("recipients", .int(figures.recipients)),
                ("messages", .int(figures.messages)), ("segments", .int(figures.segments)),
                ("encoding", .string(figures.encoding.rawValue)),
                ("bodies", .fields(figures.bodies.sorted { $0.key < $1.key }.map { language, body in
                    (language.isEmpty ? "none" : language, JSON.fields([
                        ("recipients", .int(body.recipients)), ("encoding", .string(body.count.encoding.rawValue)),
                        ("segments", .int(body.count.segments)),
                    ]))
                })),
            ])
        }
        return .fields([("passed", .bool(report.passed)), ("failures", .array(failures)), ("jurisdictions", .array(jurisdictions))])
    }
}

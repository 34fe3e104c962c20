import Foundation

extension PolicySet {
    /// The opt-out deadline for an event received at `receivedAt` from a number in `jurisdiction`: the
    /// earliest due instant among the jurisdiction's deadline rules (US and Canada 10 business days, HK 10
    /// working days, each on its holiday calendar; UK and the default 24 hours).
    ///
    /// Pure: the same arguments always give the same answer.
    public func optOutDeadline(jurisdiction: Jurisdiction, receivedAt: Date) -> OptOutDeadline {
        self.policy(for: jurisdiction).optOutDeadline(receivedAt: receivedAt)
    }

    /// ``optOutDeadline(jurisdiction:receivedAt:)`` for the jurisdiction of `phone`.
    public func optOutDeadline(phone: PhoneNumber, receivedAt: Date) -> OptOutDeadline {
        self.optOutDeadline(jurisdiction: self.jurisdiction(of: phone), receivedAt: receivedAt)
    }
}

extension JurisdictionPolicy {
    /// The strictest of this policy's deadline rules for an event received at `receivedAt`.
    ///
    /// Without any rule, the product ceiling applies: 10 business days (Monday–Friday, UTC).
    public func optOutDeadline(receivedAt: Date) -> OptOutDeadline {
        var best: OptOutDeadline?
        let rules = self.deadlines.isEmpty
            ? [OptOutDeadlineRule(citation: RuleCitation(id: "ceiling", source: "47 CFR 64.1200(a)(10)"), limit: .businessDays(10, calendar: ""))]
            : self.deadlines
        for rule in rules {
            let due: Date
            let alarm: Date
            switch rule.limit {
            case .businessDays(let days, let name):
                let calendar = self.calendars[name]?.businessCalendar ?? BusinessCalendar()
                due = calendar.adding(businessDays: days, to: receivedAt)
                alarm = calendar.adding(businessDays: max(days - 2, 0), to: receivedAt)
            case .hours(let hours):
                due = receivedAt.addingTimeInterval(Double(hours) * 3600)
                alarm = due
            }
            if best == nil || due <= best!.dueAt {  // on a tie the policy's own rule (merged last) names it
                let warn = min(receivedAt.addingTimeInterval(OptOutDeadline.warningInterval), due)
                best = OptOutDeadline(receivedAt: receivedAt, dueAt: due, warnAt: warn, alarmAt: min(alarm, due), rule: rule.citation)
            }
        }
        return best!
    }
}

import Testing
import TocsinCore

struct DeliveryStateTests {
    struct Step: Sendable, CustomTestStringConvertible {
        let stored: String
        let receipt: DeliveryState
        let expected: DeliveryState?
        var testDescription: String { "\(self.stored) + \(self.receipt.rawValue) → \(self.expected?.rawValue ?? "ignored")" }
    }

    static let steps: [Step] = [
        Step(stored: "sent", receipt: .queued, expected: nil),
        Step(stored: "sent", receipt: .sent, expected: nil),
        Step(stored: "sent", receipt: .delivered, expected: .delivered),
        Step(stored: "sent", receipt: .undelivered, expected: .undelivered),
        Step(stored: "sent", receipt: .failed, expected: .failed),
        Step(stored: "delivered", receipt: .sent, expected: nil),
        Step(stored: "delivered", receipt: .failed, expected: nil),
        Step(stored: "undelivered", receipt: .delivered, expected: nil),
        Step(stored: "failed", receipt: .delivered, expected: nil),
        Step(stored: "sending", receipt: .queued, expected: nil),
        Step(stored: "sending", receipt: .delivered, expected: nil),
        Step(stored: "suppressed", receipt: .delivered, expected: nil),
        Step(stored: "queued", receipt: .sent, expected: nil),
    ]

    @Test(arguments: steps)
    func statesOnlyMoveForward(_ step: Step) {
        #expect(step.receipt.applied(to: step.stored) == step.expected)
    }

    @Test func onlyTheLastThreeAreFinal() {
        #expect(DeliveryState.allCases.filter(\.isFinal) == [.delivered, .undelivered, .failed])
    }
}

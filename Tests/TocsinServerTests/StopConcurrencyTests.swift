import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting

/// 1,000 numbers join, then all send STOP at once while other traffic flows: each gets exactly one
/// opt-out confirmation and nothing after it.
struct StopConcurrencyTests {
    @Test func everyStopGetsExactlyOneConfirmationAndNothingAfterIt() async throws {
        let app = try await TestApp()
        app.carrier.setDelay(.microseconds(200))
        let count = 1000
        let numbers = (0..<count).map { Fixtures.phone(5000 + $0).e164 }
        try await app.application.test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, number) in numbers.enumerated() {
                    group.addTask { try await client.text(number, "RIGHTS", id: "join-\(index)") }
                }
                try await group.waitForAll()
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, number) in numbers.enumerated() {
                    group.addTask { try await client.text(number, "STOP", id: "stop-\(index)") }
                    // Other traffic at the same time: HELP and joins from other numbers, and chatter from these.
                    group.addTask { try await client.text(Fixtures.phone(9000 + index).e164, index % 2 == 0 ? "HELP" : "FREEHK", id: "other-\(index)") }
                    group.addTask { try await client.text(number, "thanks", id: "chat-\(index)") }
                }
                try await group.waitForAll()
            }
        }
        var byNumber: [String: [MessageKind]] = [:]
        for message in app.carrier.sent { byNumber[message.to.e164, default: []].append(message.kind) }
        for number in numbers {
            let kinds = byNumber[number] ?? []
            #expect(kinds.filter { $0 == .optOutConfirmation }.count == 1, "\(number): \(kinds)")
            #expect(kinds.last == .optOutConfirmation, "\(number): \(kinds)")
        }
        #expect(try await app.services.store.rowCount("suppression") == count)
    }
}

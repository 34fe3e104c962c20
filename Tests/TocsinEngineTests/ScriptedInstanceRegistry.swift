import Foundation
import Synchronization
import TocsinCore

/// An instance registry that answers each heartbeat from a script: a count, or an error.
final class ScriptedInstanceRegistry: InstanceRegistry {
    struct Down: Error, CustomStringConvertible {
        var description: String { "the database is down" }
    }

    private let script: Mutex<[Int?]>
    private let left = Mutex<[String]>([])

    /// Heartbeats answer `answers` in turn (nil: an error); once used up, they fail.
    init(_ answers: [Int?]) {
        self.script = Mutex(answers)
    }

    /// The ids that left.
    var leftIDs: [String] { self.left.withLock { $0 } }

    func heartbeat(_ instance: InstanceInfo, now: Date, staleAfter: TimeInterval) async throws -> Int {
        let answer = self.script.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        guard let answer else { throw Down() }
        return answer
    }

    func leave(id: String) async throws {
        self.left.withLock { $0.append(id) }
    }
}

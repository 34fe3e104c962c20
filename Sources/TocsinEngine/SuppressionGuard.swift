import Synchronization

/// Numbers whose opt-out is being committed or has been committed since this process started.
///
/// The inbound path inserts a number (under the number's ``KeyedLock``) BEFORE it commits an opt-out; the
/// dispatcher checks it under the same lock right before each carrier call. So a STOP whose commit has
/// begun before a send starts always stops that send, even when the message was claimed before the STOP.
public final class SuppressionGuard: Sendable {
    private let numbers = Mutex<Set<String>>([])

    public init() {}

    /// Adds a number (E.164).
    public func insert(_ e164: String) {
        _ = self.numbers.withLock { $0.insert(e164) }
    }

    /// Removes a number: after a failed opt-out commit, or after a re-subscription committed.
    public func remove(_ e164: String) {
        _ = self.numbers.withLock { $0.remove(e164) }
    }

    /// Whether a send to this number must not start.
    public func contains(_ e164: String) -> Bool {
        self.numbers.withLock { $0.contains(e164) }
    }

    /// How many numbers it holds.
    public var count: Int { self.numbers.withLock { $0.count } }
}

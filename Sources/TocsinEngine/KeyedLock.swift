import Synchronization

/// An async lock per key (a phone number): work for one number runs one at a time, in arrival order,
/// while different numbers run concurrently.
///
/// The reply sender holds a number's lock from the claim to the carrier's answer, so a confirmation
/// can never overtake (or be overtaken by) another send to the same number.
public final class KeyedLock: Sendable {
    struct State {
        var held: Set<String> = []
        var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    }

    /// Held only for a few dictionary operations, never across a suspension: an uncontended lock costs no
    /// actor hop, and `body` runs on the caller's executor.
    private let state = Mutex(State())

    public init() {}

    /// Runs `body` while holding the lock for `key`.
    public func withLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async rethrows -> T {
        if !self.state.withLock({ $0.held.insert(key).inserted }) {
            await withCheckedContinuation { continuation in
                let acquired = self.state.withLock { state in
                    // Released between the two checks: take it now.
                    if state.held.insert(key).inserted { return true }
                    state.waiters[key, default: []].append(continuation)
                    return false
                }
                if acquired { continuation.resume() }
            }
        }
        defer { self.release(key) }
        return try await body()
    }

    private func release(_ key: String) {
        let next = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard var queue = state.waiters[key], !queue.isEmpty else {
                state.held.remove(key)
                return nil
            }
            let next = queue.removeFirst()
            state.waiters[key] = queue.isEmpty ? nil : queue
            return next  // ownership passes to the next waiter; `held` keeps the key
        }
        next?.resume()
    }
}

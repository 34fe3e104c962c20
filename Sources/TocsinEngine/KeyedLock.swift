/// An async lock per key (a phone number): work for one number runs one at a time, in arrival order,
/// while different numbers run concurrently.
///
/// The reply sender holds a number's lock from the claim to the carrier's answer, so a confirmation
/// can never overtake (or be overtaken by) another send to the same number.
public actor KeyedLock {
    private var held: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    /// Runs `body` while holding the lock for `key`.
    public func withLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async rethrows -> T {
        await self.acquire(key)
        defer { self.release(key) }
        return try await body()
    }

    private func acquire(_ key: String) async {
        if self.held.insert(key).inserted { return }
        await withCheckedContinuation { self.waiters[key, default: []].append($0) }
    }

    private func release(_ key: String) {
        if var queue = self.waiters[key], !queue.isEmpty {
            let next = queue.removeFirst()
            self.waiters[key] = queue.isEmpty ? nil : queue
            next.resume()  // ownership passes to the next waiter; `held` keeps the key
        } else {
            self.held.remove(key)
        }
    }
}

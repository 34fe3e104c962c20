import Synchronization

/// A one-place buffer between one producer task and one consumer task: ``put(_:)`` waits while the place is
/// taken, ``take()`` waits while it is empty. The dispatcher's planner puts each plan it makes, so it can be
/// one plan ahead of the batch being leased (and work on a second) instead of starting only when the batch
/// before is leased and sent.
final class Handoff<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        /// The producer, waiting with the next value for the place to empty.
        var putter: (continuation: CheckedContinuation<Bool, Never>, value: Value)?
        /// The consumer, waiting for a value (nil: there will be none).
        var taker: CheckedContinuation<Value?, Never>?
        /// No more values will come (those already put are still taken).
        var finished = false
        /// Given up: nothing more is put or taken.
        var cancelled = false
    }

    private let state = Mutex(State())

    init() {}

    /// Hands `value` over, waiting until the place is free. False when the handoff was cancelled (then the
    /// value was not taken: it is the caller's to give back).
    func put(_ value: Value) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let action = self.state.withLock { state -> (taker: CheckedContinuation<Value?, Never>?, accepted: Bool?) in
                if state.cancelled || state.finished { return (nil, false) }
                if let taker = state.taker {
                    state.taker = nil
                    return (taker, true)
                }
                if state.value == nil {
                    state.value = value
                    return (nil, true)
                }
                state.putter = (continuation, value)
                return (nil, nil)
            }
            action.taker?.resume(returning: value)
            if let accepted = action.accepted { continuation.resume(returning: accepted) }
        }
    }

    /// The next value, waiting for one; nil once the producer has finished and every value was taken, or
    /// once the handoff was cancelled.
    func take() async -> Value? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let action = self.state.withLock { state -> (value: Value?, putter: CheckedContinuation<Bool, Never>?, ready: Bool) in
                if state.cancelled { return (nil, nil, true) }
                if let value = state.value {
                    state.value = state.putter?.value
                    let putter = state.putter?.continuation
                    state.putter = nil
                    return (value, putter, true)
                }
                if state.finished { return (nil, nil, true) }
                state.taker = continuation
                return (nil, nil, false)
            }
            action.putter?.resume(returning: true)
            if action.ready { continuation.resume(returning: action.value) }
        }
    }

    /// The producer will put nothing more; a consumer waiting for a value gets nil.
    func finish() {
        let taker = self.state.withLock { state -> CheckedContinuation<Value?, Never>? in
            state.finished = true
            defer { state.taker = nil }
            return state.value == nil ? state.taker : nil
        }
        taker?.resume(returning: nil)
    }

    /// Gives up: returns the value put but not taken (to give back), fails a waiting ``put(_:)`` (its value
    /// stays the producer's) and ends a waiting ``take()`` with nil.
    func cancel() -> Value? {
        let (value, putter, taker) = self.state.withLock { state in
            state.cancelled = true
            defer {
                state.value = nil
                state.putter = nil
                state.taker = nil
            }
            return (state.value, state.putter?.continuation, state.taker)
        }
        putter?.resume(returning: false)
        taker?.resume(returning: nil)
        return value
    }
}

import Foundation
import Logging
import TocsinCore

/// How the dispatchers use a ``SendFence``: one read of the shared database under the number's lock, right
/// before the carrier call. Without a fence (SQLite, one process) it lets every send through.
struct FenceCheck: Sendable {
    let fence: (any SendFence)?
    let logger: Logger

    /// What to record instead of a carrier call, or nil when the send may start.
    ///
    /// An error never sends: the message is queued again after a short wait (it is still wanted, and the
    /// number has not been seen to opt out), or closed as expired when that wait would pass its expiry.
    func blocked(
        _ number: PhoneNumber, channel: Channel, id: Int64, expiresAt: Date?, carrier: String, settings: DispatchSettings, now: Date
    ) async -> DispatchResult? {
        guard let fence = self.fence else { return nil }
        do {
            return Self.result(of: try await fence.verdict(to: number.e164, channel: channel), channel: channel)
        } catch {
            self.logger.error(
                "send fence failed; not sent", metadata: ["message.id": "\(id)", "to": "\(number)", "error": "\(error)"]
            )
            var generator = SystemRandomNumberGenerator()
            let at = now.addingTimeInterval(Self.retryDelay(settings, using: &generator))
            return Self.afterError(error, retryAt: at, expiresAt: expiresAt, carrier: carrier)
        }
    }

    /// The outcome of a verdict: nil for ``SendFenceVerdict/clear``, else closed as suppressed with a reason
    /// naming the opt-out the shared database holds (committed by another instance after the claim).
    static func result(of verdict: SendFenceVerdict, channel: Channel) -> DispatchResult? {
        let what = channel == .voice ? "call" : "message"
        switch verdict {
        case .clear:
            return nil
        case .optedOut:
            return .closed(.suppressed, reason: "number opted out while the \(what) was queued (opt-out committed by another instance)")
        case .noMoreCalls:
            return .closed(.suppressed, reason: "the number asked for no more calls (pressed 9; recorded by another instance)")
        }
    }

    /// A failed check: queued again at `retryAt`, or expired when that is past `expiresAt`. Never a send.
    static func afterError(_ error: any Error, retryAt: Date, expiresAt: Date?, carrier: String) -> DispatchResult {
        let description = "the send fence could not read the suppression list (\(error)); not sent"
        if let expiresAt, retryAt >= expiresAt {
            return .closed(.expired, reason: "retrying would pass its expiry (\(description))")
        }
        return .retry(at: retryAt, carrier: carrier, error: CarrierError(.unavailable, message: description, carrier: carrier))
    }

    /// A short wait before the retry: between 1 s and the first backoff step (`dispatch.backoff_base`).
    static func retryDelay<R: RandomNumberGenerator>(_ settings: DispatchSettings, using generator: inout R) -> TimeInterval {
        max(1, settings.backoff(attempt: 1, using: &generator))
    }
}

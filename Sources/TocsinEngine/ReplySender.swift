import Foundation
import Logging
import TocsinCore

/// Sends queued replies through a carrier adapter, one number at a time, checking the send-time gates
/// at the moment of each claim.
public struct ReplySender: Sendable {
    let outbox: any OutboxStore
    let carrier: any CarrierAdapter
    let clock: any WallClock
    let locks: KeyedLock
    let logger: Logger

    /// - Parameter locks: the per-number locks, shared with the dispatcher and the inbound path.
    public init(outbox: any OutboxStore, carrier: any CarrierAdapter, clock: any WallClock, locks: KeyedLock = KeyedLock(), logger: Logger) {
        self.outbox = outbox
        self.carrier = carrier
        self.clock = clock
        self.locks = locks
        self.logger = logger
    }

    /// Sends each reply, in order. Errors are recorded on the message rows, never thrown.
    public func send(_ replies: [OutboundSMS]) async {
        for reply in replies {
            await self.send(id: reply.id, to: reply.to)
        }
    }

    /// Sends every reply still queued (after a restart). Opt-out confirmations older than 5 minutes expire.
    public func resumeQueued() async throws {
        while true {
            let ids = try await self.outbox.queuedReplies(limit: 500)
            if ids.isEmpty { return }
            for id in ids { await self.send(id: id, to: nil) }
        }
    }

    private func send(id: Int64, to phone: PhoneNumber?) async {
        let key = phone?.e164 ?? "id:\(id)"
        await self.locks.withLock(key) {
            do {
                guard let message = try await self.outbox.claim(id, now: self.clock.now) else { return }
                do {
                    let receipt = try await self.carrier.send(message)
                    try await self.outbox.markSent(
                        id, carrier: receipt.carrier ?? self.carrier.id, carrierMessageID: receipt.carrierMessageID,
                        now: self.clock.now
                    )
                } catch let error as CarrierError {
                    self.logger.warning(
                        "reply not sent", metadata: ["sms.id": "\(id)", "sms.to": "\(message.to)", "error": "\(error)"]
                    )
                    try await self.outbox.markFailed(
                        id, carrier: error.carrier ?? self.carrier.id, error: error, now: self.clock.now
                    )
                }
            } catch {
                self.logger.error("reply bookkeeping failed", metadata: ["sms.id": "\(id)", "error": "\(error)"])
            }
        }
    }
}

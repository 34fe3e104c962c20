import Foundation
import TocsinCore

/// How alert calls are placed (the `voice.*` configuration keys).
public struct CallSettings: Sendable {
    /// Said first in every call (`organisation.name`).
    public var organisationName: String
    /// Said right after the identification (`voice.callback_number`); calls are not placed without it.
    public var callbackNumber: String
    /// Calls started per second, over all numbers (`voice.calls_per_second`, default 1: Twilio's default CPS).
    public var callsPerSecond: Int
    /// Calls per number in any 30 days, over all campaigns (`voice.max_calls_per_30_days`, default 3).
    public var cap: CallCap
    /// Calls claimed per transaction.
    public var batchSize: Int
    /// Carrier requests in flight at once.
    public var concurrency: Int

    public init(
        organisationName: String, callbackNumber: String, callsPerSecond: Int = 1, cap: CallCap = CallCap(),
        batchSize: Int = 20, concurrency: Int = 4
    ) {
        self.organisationName = organisationName
        self.callbackNumber = callbackNumber
        self.callsPerSecond = callsPerSecond
        self.cap = cap
        self.batchSize = batchSize
        self.concurrency = concurrency
    }
}

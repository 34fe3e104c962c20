/// The last check before a carrier call when several instances share one database: has the number opted out
/// in the shared database since its message was claimed?
///
/// An instance acknowledges a STOP webhook only after its opt-out is committed. The dispatcher asks the fence
/// under the number's lock, after the in-process suppression guard and right before the carrier
/// call, so the read happens either after another instance's commit (and sees it) or before it (and then the
/// send had already started when that STOP was committed). Issue 5's rule holds across instances by
/// construction: a STOP committed before a send starts prevents that send.
///
/// The SQLite store needs none: one process owns its database, so the in-process guard already sees every
/// opt-out committed there. Leave the dispatchers' fence nil for it.
public protocol SendFence: Sendable {
    /// What the shared database says about a send to `e164` (E.164) on `channel`, read now.
    ///
    /// For ``Channel/sms`` only the org-wide suppression counts; for ``Channel/voice`` a "press 9" too.
    /// Numbers erased since (stored by their keyed hash) count as the clear number.
    /// - Throws: when the database cannot answer. The caller must then not send.
    func verdict(to e164: String, channel: Channel) async throws -> SendFenceVerdict
}

extension SendFence {
    /// Whether a send to `e164` on `channel` may still start.
    public func mayStillSend(to e164: String, channel: Channel) async throws -> Bool {
        try await self.verdict(to: e164, channel: channel) == .clear
    }
}

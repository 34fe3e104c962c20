import TocsinCore

extension MockCarrier: VoiceCarrier {
    /// Places no call: appends `{"to","from","body","kind":"call","campaign","created_at"}` to the outbox,
    /// with the alert text the call would read as `body`.
    public func placeCall(_ call: OutboundCall) async throws(CarrierError) -> CarrierReceipt {
        try self.append(MockOutboxLine(
            to: call.to.e164, from: call.from, body: call.script, kind: "call", campaign: call.campaign, createdAt: self.clock.now
        ))
        return CarrierReceipt(carrierMessageID: "MOCKCALL\(self.counter.next())")
    }
}

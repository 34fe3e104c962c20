extension SenderLimits {
    /// The limits one of `instances` instances may use when they share a sender: each limit divided by the
    /// number of instances, rounded down, and at least 1 (a sender is never stopped outright).
    ///
    /// A count below 1 is treated as 1 (the instance itself always counts).
    public func share(of instances: Int) -> SenderLimits {
        SenderLimits(
            perSecond: Self.share(self.perSecond, of: instances), perMinute: Self.share(self.perMinute, of: instances),
            perDay: Self.share(self.perDay, of: instances)
        )
    }

    /// One instance's share of `limit` among `instances`: `limit / instances` rounded down, at least 1.
    public static func share(_ limit: Int, of instances: Int) -> Int {
        max(1, limit / max(1, instances))
    }
}

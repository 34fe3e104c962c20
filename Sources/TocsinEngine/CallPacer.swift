import TocsinCore

/// The calls-per-second bucket shared by every call (`voice.calls_per_second`), separate from SMS pacing.
///
/// With several instances on one database, each starts at most its share of the calls per second
/// (``setShare(_:)``, rounded down, at least 1).
public actor CallPacer: LimitSharing {
    private let perSecond: Int
    private var bucket: TokenBucket
    private var instances = 1
    private let start = ContinuousClock.now

    public init(perSecond: Int) {
        let perSecond = max(perSecond, 1)
        self.perSecond = perSecond
        self.bucket = TokenBucket(limit: perSecond, per: 1)
    }

    /// Reserves one call start and returns how long to wait before it.
    public func reserve() -> Duration {
        .microseconds(Int64(self.reserve(at: self.seconds()) * 1_000_000))
    }

    /// How many instances share the calls per second now.
    public var share: Int { self.instances }

    /// Starts at most `1/instances` of the calls per second from now on; the bucket keeps its fill fraction
    /// (no burst), and call starts already reserved stand.
    public func setShare(_ instances: Int) {
        self.setShare(instances, at: self.seconds())
    }

    /// ``reserve()`` at `now` (seconds since the pacer started): the wait in seconds.
    func reserve(at now: Double) -> Double {
        self.bucket.reserve(at: now)
    }

    /// ``setShare(_:)`` at `now` (seconds since the pacer started).
    func setShare(_ instances: Int, at now: Double) {
        let instances = max(instances, 1)
        guard instances != self.instances else { return }
        self.instances = instances
        self.bucket = self.bucket.rescaled(limit: SenderLimits.share(self.perSecond, of: instances), per: 1, at: now)
    }

    private func seconds() -> Double {
        let elapsed = ContinuousClock.now - self.start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

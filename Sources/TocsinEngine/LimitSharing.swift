/// A pacer whose limits several instances share: the ``InstanceHeartbeat`` tells it how many there are.
public protocol LimitSharing: Sendable {
    /// Paces at `1/instances` of the configured limits from now on (`instances` below 1 counts as 1).
    func setShare(_ instances: Int) async
}

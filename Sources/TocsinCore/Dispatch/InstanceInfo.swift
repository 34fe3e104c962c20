import Foundation

/// One running `tocsin serve` instance, as the instance registry records it.
public struct InstanceInfo: Sendable, Hashable {
    /// Unique per process start (a random UUID by default): a restarted process is a new instance.
    public var id: String
    /// The host it runs on and its process id, for operators reading the table.
    public var host: String
    public var pid: Int
    /// When it started.
    public var startedAt: Date

    public init(id: String = UUID().uuidString.lowercased(), host: String, pid: Int, startedAt: Date) {
        self.id = id
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
    }
}

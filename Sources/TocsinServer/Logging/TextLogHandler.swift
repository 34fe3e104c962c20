import Foundation
import Logging

/// One readable line per event (`2026-11-21T09:00:00.000Z info tocsin: message key=value`), to a sink;
/// used where tests capture text logs (the server writes text logs with swift-log's stream handler).
public struct TextLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let sink: @Sendable (String) -> Void

    public init(label: String, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = JSONLogHandler.merge(self.metadata, self.metadataProvider, event)
        let fields = merged.keys.sorted().map { "\($0)=\(merged[$0]!)" }.joined(separator: " ")
        let stamp = Date().formatted(JSONLogHandler.timestampStyle)
        self.sink("\(stamp) \(event.level) \(self.label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n")
    }
}

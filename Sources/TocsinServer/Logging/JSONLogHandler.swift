import Foundation
import Logging
import TocsinCore

/// Writes one JSON object per line: `{"ts":…,"level":…,"label":…,"message":…,"metadata":{…},"source":…}`,
/// for log shippers (Loki, Elastic, CloudWatch). Wrap it in ``RedactingLogHandler`` like any other.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    let sink: @Sendable (String) -> Void

    /// - Parameter sink: receives each line with its newline (default: standard error, unbuffered).
    public init(label: String, sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.sink = sink
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = Self.merge(self.metadata, self.metadataProvider, event)
        var line = "{\"ts\":"
        JSONText.quote(Date().formatted(Self.timestampStyle), into: &line)
        line += ",\"level\":"
        JSONText.quote(event.level.rawValue, into: &line)
        line += ",\"label\":"
        JSONText.quote(self.label, into: &line)
        line += ",\"message\":"
        JSONText.quote(event.message.description, into: &line)
        if !merged.isEmpty {
            line += ",\"metadata\":"
            Self.write(.dictionary(merged), into: &line)
        }
        line += ",\"source\":"
        JSONText.quote(event.source, into: &line)
        line += "}\n"
        self.sink(line)
    }

    /// The handler's metadata, then the provider's, then the event's (later ones win).
    static func merge(_ metadata: Logger.Metadata, _ provider: Logger.MetadataProvider?, _ event: LogEvent) -> Logger.Metadata {
        var merged = metadata
        if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        return merged
    }

    static func write(_ value: Logger.Metadata.Value, into line: inout String) {
        switch value {
        case .string(let text): JSONText.quote(text, into: &line)
        case .stringConvertible(let convertible): JSONText.quote(convertible.description, into: &line)
        case .array(let values):
            line += "["
            for (index, item) in values.enumerated() {
                if index > 0 { line += "," }
                Self.write(item, into: &line)
            }
            line += "]"
        case .dictionary(let values):
            line += "{"
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { line += "," }
                JSONText.quote(key, into: &line)
                line += ":"
                Self.write(values[key]!, into: &line)
            }
            line += "}"
        }
    }
}

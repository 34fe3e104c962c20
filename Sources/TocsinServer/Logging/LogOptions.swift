import Logging

/// How `tocsin serve` logs: `log.level` (trace … critical, default info) and `log.format` (`text` or `json`).
///
/// Phone numbers are masked at every level above debug, whatever the format (``RedactingLogHandler``).
public struct LogOptions: Sendable, Hashable {
    public enum Format: String, Sendable, CaseIterable {
        case text
        case json
    }

    public var level: Logger.Level
    public var format: Format

    public init(level: Logger.Level = .info, format: Format = .text) {
        self.level = level
        self.format = format
    }

    /// Parses the two settings, with a message that lists the accepted values.
    public init(level: String, format: String) throws(ConfigError) {
        guard let parsedLevel = Logger.Level(rawValue: level.lowercased()) else {
            let accepted = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigError("log.level must be one of \(accepted), not '\(level)'")
        }
        guard let parsedFormat = Format(rawValue: format.lowercased()) else {
            throw ConfigError("log.format must be text or json, not '\(format)'")
        }
        self.init(level: parsedLevel, format: parsedFormat)
    }

    /// A logger with these options; `sink` replaces standard error (tests).
    public func makeLogger(label: String = "tocsin", sink: (@Sendable (String) -> Void)? = nil) -> Logger {
        let format = self.format
        let level = self.level
        var logger = Logger(label: label) { label in
            let base: any LogHandler
            switch format {
            case .json:
                base = sink.map { JSONLogHandler(label: label, sink: $0) } ?? JSONLogHandler(label: label)
            case .text:
                base = sink.map { TextLogHandler(label: label, sink: $0) } ?? StreamLogHandler.standardError(label: label)
            }
            return RedactingLogHandler(base)
        }
        logger.logLevel = level
        return logger
    }
}

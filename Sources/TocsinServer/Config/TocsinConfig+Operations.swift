import Foundation

extension TocsinConfig {
    /// The `log.*` keys and `server.shutdown_grace_seconds`.
    static let operationsKeys = ["log.level", "log.format", "server.shutdown_grace_seconds"]

    /// Reads the log options and the shutdown grace period.
    static func operations(_ values: ConfigValues) throws(ConfigError) -> (LogOptions, Int) {
        let log = try LogOptions(level: values.string("log.level", default: "info"), format: values.string("log.format", default: "text"))
        let grace = try values.int("server.shutdown_grace_seconds", default: 30)
        guard (1...3600).contains(grace) else {
            throw ConfigError("server.shutdown_grace_seconds must be 1–3600, not \(grace)")
        }
        return (log, grace)
    }
}

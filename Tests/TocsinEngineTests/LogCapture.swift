import Logging
import Synchronization

/// A log handler that keeps every message, for tests that check what is logged.
final class LogCapture: Sendable {
    struct Entry: Sendable, Hashable {
        var level: Logger.Level
        var message: String
    }

    private let entries = Mutex<[Entry]>([])

    /// Everything logged so far, in order.
    var logged: [Entry] { self.entries.withLock { $0 } }

    /// A logger at `trace` that records here.
    var logger: Logger {
        Logger(label: "test.capture") { _ in Handler(capture: self) }
    }

    func append(_ entry: Entry) { self.entries.withLock { $0.append(entry) } }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { self.metadata[key] }
            set { self.metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            self.capture.append(Entry(level: event.level, message: event.message.description))
        }
    }
}

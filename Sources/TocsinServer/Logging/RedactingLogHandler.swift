import Logging
import TocsinCore

/// Wraps a log handler so that, at every level above debug, anything that looks like a phone number in
/// the message or in string metadata is masked (``LogRedactor``). Code already logs ``PhoneNumber/masked``;
/// this is the safety net for text that slipped through (carrier error bodies, user input echoed back).
public struct RedactingLogHandler: LogHandler {
    var base: any LogHandler

    public init(_ base: any LogHandler) {
        self.base = base
    }

    public var logLevel: Logger.Level {
        get { self.base.logLevel }
        set { self.base.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { self.base.metadataProvider }
        set { self.base.metadataProvider = newValue }
    }

    public var metadata: Logger.Metadata {
        get { self.base.metadata }
        set { self.base.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.base[metadataKey: key] }
        set { self.base[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        guard event.level > .debug else {
            self.base.log(event: event)
            return
        }
        var event = event
        event.message = Logger.Message(stringLiteral: LogRedactor.redact(event.message.description))
        event.metadata = event.metadata.map(Self.redact)
        self.base.log(event: event)
    }

    static func redact(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.mapValues(Self.redact)
    }

    static func redact(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(LogRedactor.redact(text))
        case .stringConvertible(let convertible): .string(LogRedactor.redact(convertible.description))
        case .array(let values): .array(values.map(Self.redact))
        case .dictionary(let values): .dictionary(values.mapValues(Self.redact))
        }
    }
}

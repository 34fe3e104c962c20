/// Why an import file cannot be used at all (the command exits 1 with this one-line message).
public struct SubscriberImportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}

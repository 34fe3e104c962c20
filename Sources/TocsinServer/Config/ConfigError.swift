/// A configuration problem, with a message that says which key to fix.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { self.message }
}

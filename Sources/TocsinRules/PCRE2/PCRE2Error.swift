/// A PCRE2 pattern failed to compile.
///
/// The message comes from PCRE2 itself; `offset` is the UTF-8 offset in the pattern where PCRE2 gave up,
/// which is usually just after the mistake.
public struct PCRE2Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// PCRE2's error code (negative compile-error numbers are positive here, as PCRE2 reports them).
    public let code: Int32
    /// PCRE2's description of the problem.
    public let message: String
    /// Byte offset in the pattern at which the problem was found.
    public let offset: Int

    /// Creates an error value.
    public init(pattern: String, code: Int32, message: String, offset: Int) {
        self.pattern = pattern
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// `invalid pattern "…" at offset 7: missing closing parenthesis`.
    public var description: String {
        "invalid pattern \"\(self.pattern)\" at offset \(self.offset): \(self.message)"
    }
}

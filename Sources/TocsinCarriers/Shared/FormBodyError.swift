/// Why an `application/x-www-form-urlencoded` body was refused by ``FormBody/parse(_:maxBytes:)``.
///
/// The message names positions only, never the body's content: bodies carry phone numbers.
public struct FormBodyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong with the body.
    public enum Reason: Sendable, Hashable {
        /// The body has `size` bytes, more than the `limit` the caller allowed.
        case tooLarge(size: Int, limit: Int)
        /// The `%` at byte `offset` is not followed by two hexadecimal digits.
        case malformedPercentEscape(offset: Int)
        /// The key or value of field number `field` (counted from 0) is not UTF-8 once percent-decoded.
        case invalidUTF8(field: Int)
    }

    /// What was wrong with the body.
    public let reason: Reason

    /// Creates an error for `reason`.
    public init(_ reason: Reason) {
        self.reason = reason
    }

    /// A message that says what is wrong and how to fix it.
    public var message: String {
        switch self.reason {
        case .tooLarge(let size, let limit):
            "form body is \(size) bytes, over the limit of \(limit) bytes: send a smaller body or raise maxBytes"
        case .malformedPercentEscape(let offset):
            "form body has a malformed percent escape at byte \(offset): '%' must be followed by two hex digits "
                + "(write a literal '%' as %25)"
        case .invalidUTF8(let field):
            "form body field \(field) is not valid UTF-8 after percent-decoding: encode text as UTF-8 before "
                + "percent-encoding it"
        }
    }

    public var description: String {
        self.message
    }
}

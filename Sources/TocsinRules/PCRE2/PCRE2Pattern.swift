import CPCRE2

/// A PCRE2 pattern compiled once (8-bit library, UTF + UCP mode, caseless by default) and JIT-compiled
/// when the platform supports it.
///
/// A compiled pattern is immutable and may be shared across threads (PCRE2 documents compiled code as
/// read-only during matching). Match data is never shared: each call either allocates its own or uses a
/// ``PCRE2MatchScratch`` owned by the caller.
///
/// ```swift
/// let pattern = try PCRE2Pattern("remove me(?: from your list)?")
/// pattern.matches("REMOVE ME")   // true
/// ```
public final class PCRE2Pattern: @unchecked Sendable {
    // @unchecked: `code` and `matchContext` are written only in `init` and freed only in `deinit`;
    // PCRE2 never mutates them while matching, so concurrent matches are safe.

    /// The pattern as written.
    public let pattern: String
    /// Whether `pcre2_jit_compile_8` succeeded (false only where PCRE2 was built without JIT).
    public let isJITCompiled: Bool
    /// Whether UTF mode is on (always true for patterns built here).
    public var isUTF: Bool { true }

    let code: OpaquePointer
    private let matchContext: OpaquePointer
    private let hasPartialJIT: Bool

    /// The default bound on backtracking steps: far above what any keyword pattern needs, low enough that
    /// a pathological message cannot stall the inbound path.
    public static let defaultMatchLimit: UInt32 = 200_000

    /// Compiles `pattern`.
    ///
    /// - Parameters:
    ///   - pattern: PCRE2 syntax.
    ///   - caseless: match ignoring case (Unicode case folding in UCP mode).
    ///   - anchored: match only at the start offset (`PCRE2_ANCHORED`), as if the pattern began with `\G`.
    ///   - partial: also JIT-compile for hard partial matching (used to explore patterns at load time).
    ///   - matchLimit: `pcre2_set_match_limit` value; a match that needs more steps fails with an error.
    /// - Throws: ``PCRE2Error`` with PCRE2's message and the offset of the problem.
    public init(
        _ pattern: String,
        caseless: Bool = true,
        anchored: Bool = false,
        partial: Bool = false,
        matchLimit: UInt32 = PCRE2Pattern.defaultMatchLimit
    ) throws(PCRE2Error) {
        var options = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP)
        if caseless { options |= UInt32(PCRE2_CASELESS) }
        if anchored { options |= UInt32(PCRE2_ANCHORED) }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled: OpaquePointer? = pattern.utf8CString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                pcre2_compile_8(bytes.baseAddress, bytes.count - 1, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw PCRE2Error(
                pattern: pattern, code: errorCode, message: Self.errorMessage(errorCode), offset: errorOffset)
        }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw PCRE2Error(pattern: pattern, code: 0, message: "out of memory creating a match context", offset: 0)
        }
        pcre2_set_match_limit_8(context, matchLimit)
        self.pattern = pattern
        self.code = compiled
        self.matchContext = context
        let jitModes = UInt32(PCRE2_JIT_COMPLETE) | (partial ? UInt32(PCRE2_JIT_PARTIAL_HARD) : 0)
        self.isJITCompiled = pcre2_jit_compile_8(compiled, jitModes) == 0
        self.hasPartialJIT = partial && self.isJITCompiled
    }

    deinit {
        pcre2_match_context_free_8(self.matchContext)
        pcre2_code_free_8(self.code)
    }

    /// PCRE2's text for an error code.
    static func errorMessage(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    /// Runs the pattern over UTF-8 `bytes` (which must be valid UTF-8: the UTF check is skipped).
    ///
    /// - Returns: the PCRE2 return code: positive on a match, `PCRE2_ERROR_NOMATCH` (-1) when there is
    ///   none, another negative value on an error such as the match limit.
    @inline(__always)
    func run(_ bytes: UnsafeBufferPointer<UInt8>, startOffset: Int = 0, scratch: borrowing PCRE2MatchScratch) -> Int32 {
        withUnsafePointer(to: UInt8(0)) { empty in
            let subject = bytes.baseAddress ?? empty
            if self.isJITCompiled {
                return pcre2_jit_match_8(
                    self.code, subject, bytes.count, startOffset, 0, scratch.matchData, self.matchContext)
            }
            return pcre2_match_8(
                self.code, subject, bytes.count, startOffset, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData,
                self.matchContext)
        }
    }

    /// How a prefix relates to the pattern, anchored at offset 0.
    enum PrefixMatch {
        /// No text starting with the prefix matches.
        case none
        /// Some longer text starting with the prefix may match.
        case partial
        /// The pattern matches within the prefix, so every text starting with it matches.
        case complete
    }

    /// Explores `prefix` with `PCRE2_PARTIAL_HARD`, or, when `complete` is true, asks whether `prefix` as
    /// a whole subject matches. Used at load time to build the prefix gate; uses the JIT when compiled
    /// with `partial: true`.
    func prefixMatch(_ prefix: [UInt8], complete: Bool, scratch: borrowing PCRE2MatchScratch) -> PrefixMatch {
        let partial = complete ? 0 : UInt32(PCRE2_PARTIAL_HARD)
        let code = prefix.withUnsafeBufferPointer { bytes in
            withUnsafePointer(to: UInt8(0)) { empty in
                let subject = bytes.baseAddress ?? empty
                if self.hasPartialJIT {
                    return pcre2_jit_match_8(self.code, subject, bytes.count, 0, partial, scratch.matchData, self.matchContext)
                }
                let options = UInt32(PCRE2_NO_JIT) | UInt32(PCRE2_NO_UTF_CHECK) | partial
                return pcre2_match_8(self.code, subject, bytes.count, 0, options, scratch.matchData, self.matchContext)
            }
        }
        if code > 0 { return .complete }
        return code == -2 ? .partial : .none  // -2: PCRE2_ERROR_PARTIAL
    }
}

extension TwilioSignature {
    /// The HMAC algorithm of a Twilio webhook signature.
    ///
    /// Requests signed with the account auth token use HMAC-SHA1. Requests signed with a SharedKey carry an
    /// `X-Twilio-Webhooks-Signature-Settings` header such as `key=webhooks_sharedkey_…,algorithm=HMAC_SHA256`.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        case hmacSHA1 = "HMAC_SHA1"
        case hmacSHA256 = "HMAC_SHA256"

        /// The name of the header that selects the algorithm.
        public static let settingsHeaderName = "X-Twilio-Webhooks-Signature-Settings"

        /// Reads the algorithm from an `X-Twilio-Webhooks-Signature-Settings` header value.
        ///
        /// As in the helper library: the first `algorithm=` entry with a non-empty value wins, names and values
        /// are trimmed, the value is matched case-insensitively, and a missing or empty header (or one without
        /// `algorithm=`) means HMAC-SHA1.
        ///
        /// - Returns: `nil` when the header names an algorithm this code does not know; reject the request.
        public init?(settingsHeader: String?) {
            let named = Self.algorithmName(in: settingsHeader ?? "")
            guard let named else {
                self = .hmacSHA1
                return
            }
            guard named.unicodeScalars.allSatisfy(\.isASCII) else {
                return nil
            }
            self.init(rawValue: named.uppercased())
        }

        private static func algorithmName(in header: String) -> String? {
            let comma: Unicode.Scalar = ","
            let equals: Unicode.Scalar = "="
            for part in header.unicodeScalars.split(separator: comma, omittingEmptySubsequences: false) {
                guard let separator = part.firstIndex(of: equals) else {
                    continue
                }
                let name = Self.trimmed(part[part.startIndex..<separator])
                let value = Self.trimmed(part[part.index(after: separator)...])
                if name.elementsEqual("algorithm".unicodeScalars), !value.isEmpty {
                    return String(value)
                }
            }
            return nil
        }

        /// Trims what Python's `str.strip()` trims: Unicode White_Space plus U+001C...U+001F.
        private static func trimmed(_ scalars: Substring.UnicodeScalarView) -> Substring.UnicodeScalarView {
            func isSpace(_ scalar: Unicode.Scalar) -> Bool {
                scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
            }
            var lower = scalars.startIndex
            var upper = scalars.endIndex
            while lower < upper, isSpace(scalars[lower]) {
                lower = scalars.index(after: lower)
            }
            while upper > lower, isSpace(scalars[scalars.index(before: upper)]) {
                upper = scalars.index(before: upper)
            }
            return scalars[lower..<upper]
        }
    }
}

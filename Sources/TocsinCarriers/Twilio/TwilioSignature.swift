import Crypto
import Foundation

/// Computes and checks Twilio's `X-Twilio-Signature` webhook header.
///
/// The signature is the base64 HMAC (SHA-1 with the account auth token, unless the
/// `X-Twilio-Webhooks-Signature-Settings` header names another ``Algorithm``) of the full request URL
/// followed by every POST parameter's name and value, sorted by name.
///
/// Validation follows Twilio's Python helper library (`twilio` 9.13.0, `RequestValidator.validate`) case for
/// case; `Tests/TocsinCarriersTests/Fixtures/twilio-signature-vectors.json` holds its answers:
/// - the URL is normalised as Python's `urlparse(url).geturl()` does it (scheme lower-cased, an empty `?`, `#`
///   or `;` dropped, tabs and newlines removed), then checked twice: with any explicit port removed, and
///   with the scheme's default port (`:443` for https, `:80` otherwise) added when it has none;
/// - parameters are sorted by name in code-point order; a repeated name contributes each of its distinct
///   values once, in code-point order;
/// - a URL the library cannot parse (for example a non-numeric port) fails validation.
///
/// Deliberate difference: URLs whose host is bracketed (IPv6) or not ASCII always fail here, where the
/// library may accept them. Use the punycode host name.
///
/// The auth token is never printed: `description`, `debugDescription` and `dump` redact it.
public struct TwilioSignature: Sendable {
    /// The HMAC algorithm used for the signature.
    public let algorithm: Algorithm
    private let key: SymmetricKey

    /// Creates a signer for one account.
    ///
    /// - Parameters:
    ///   - authToken: The account auth token, or the SharedKey secret when webhooks are signed with one.
    ///   - algorithm: The HMAC algorithm; see ``Algorithm/init(settingsHeader:)``. Defaults to HMAC-SHA1.
    public init(authToken: String, algorithm: Algorithm = .hmacSHA1) {
        self.key = SymmetricKey(data: Array(authToken.utf8))
        self.algorithm = algorithm
    }

    /// Computes the signature Twilio sends for a request to exactly `url` with these POST parameters.
    ///
    /// The URL is used as given, without normalisation.
    ///
    /// - Returns: The base64-encoded HMAC.
    public func compute(url: String, parameters: [(String, String)]) -> String {
        self.compute(url: Array(url.utf8), parameterBytes: Self.signedParameters(parameters))
    }

    /// Checks the `X-Twilio-Signature` header of a form-encoded webhook.
    ///
    /// - Parameters:
    ///   - signature: The header value; `nil` (header missing) is never valid.
    ///   - url: The full URL Twilio requested, including the query string.
    ///   - parameters: The decoded POST parameters, for example from ``FormBody/parse(_:maxBytes:)``.
    /// - Returns: Whether the signature matches the URL with its port removed or its default port added.
    public func isValid(_ signature: String?, url: String, parameters: [(String, String)]) -> Bool {
        guard let signature, let parsed = ParsedURL(url) else {
            return false
        }
        return self.matches(signature, url: parsed, parameterBytes: Self.signedParameters(parameters))
    }

    /// Checks the `X-Twilio-Signature` header of a webhook with a JSON (non-form) body.
    ///
    /// Twilio then signs the URL alone and puts the body's SHA-256 (lowercase hex) in the `bodySHA256`
    /// query parameter; both must match. As in the helper library, a URL without `bodySHA256` is accepted
    /// only with an empty body.
    ///
    /// - Parameters:
    ///   - signature: The header value; `nil` (header missing) is never valid.
    ///   - url: The full URL Twilio requested, including the `bodySHA256` query parameter.
    ///   - body: The raw request body.
    public func isValid(_ signature: String?, url: String, body: [UInt8]) -> Bool {
        guard let signature, let parsed = ParsedURL(url) else {
            return false
        }
        let validBody: Bool
        if let expectedHash = parsed.firstQueryValue(named: "bodySHA256") {
            validBody = Self.constantTimeEquals(Self.hexSHA256(body), expectedHash)
        } else if body.isEmpty {
            validBody = true
        } else {
            return false
        }
        let validSignature = self.matches(signature, url: parsed, parameterBytes: [])
        return validBody && validSignature
    }

    /// Whether `signature` matches the URL without its port or with its default port.
    private func matches(_ signature: String, url: ParsedURL, parameterBytes: [UInt8]) -> Bool {
        let withoutPort = self.compute(url: url.removingPort(), parameterBytes: parameterBytes)
        let withPort = self.compute(url: url.addingPort(), parameterBytes: parameterBytes)
        let given = Array(signature.utf8)
        let matchesWithout = Self.constantTimeEquals(Array(withoutPort.utf8), given)
        let matchesWith = Self.constantTimeEquals(Array(withPort.utf8), given)
        return matchesWithout || matchesWith
    }

    private func compute(url: [UInt8], parameterBytes: [UInt8]) -> String {
        let mac: [UInt8]
        switch self.algorithm {
        case .hmacSHA1:
            var hmac = HMAC<Insecure.SHA1>(key: self.key)
            hmac.update(data: url)
            hmac.update(data: parameterBytes)
            mac = Array(hmac.finalize())
        case .hmacSHA256:
            var hmac = HMAC<SHA256>(key: self.key)
            hmac.update(data: url)
            hmac.update(data: parameterBytes)
            mac = Array(hmac.finalize())
        }
        return Data(mac).base64EncodedString()
    }

    /// The parameters as Twilio signs them: name + value for each distinct pair, sorted by name then value,
    /// in code-point order (which is UTF-8 byte order; Swift's `String` ordering is not).
    static func signedParameters(_ parameters: [(String, String)]) -> [UInt8] {
        let pairs = parameters.map { (name: Array($0.0.utf8), value: Array($0.1.utf8)) }
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.lexicographicallyPrecedes(rhs.value)
                    : lhs.name.lexicographicallyPrecedes(rhs.name)
            }
        var bytes: [UInt8] = []
        var previous: (name: [UInt8], value: [UInt8])?
        for pair in pairs {
            if let previous, previous.name == pair.name, previous.value == pair.value {
                continue
            }
            bytes.append(contentsOf: pair.name)
            bytes.append(contentsOf: pair.value)
            previous = pair
        }
        return bytes
    }

    static func hexSHA256(_ body: [UInt8]) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: body) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return hex
    }

    /// Compares two byte strings in time that depends only on their lengths.
    static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else {
            return false
        }
        var difference: UInt8 = 0
        for index in lhs.indices {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }
}

extension TwilioSignature: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Names the algorithm; the auth token is redacted.
    public var description: String {
        "TwilioSignature(algorithm: \(self.algorithm.rawValue), authToken: <redacted>)"
    }

    public var debugDescription: String {
        self.description
    }

    /// A mirror without the key, so that `dump` and reflection cannot print the token.
    public var customMirror: Mirror {
        Mirror(self, children: ["algorithm": self.algorithm, "authToken": "<redacted>"], displayStyle: .struct)
    }
}

import Crypto
import Foundation
import Synchronization

/// Signed unsubscribe links: `BASE/u/TOKEN`, where the token carries a subscriber id and an expiry, signed
/// with HMAC-SHA256 under a key derived from the erasure key. No login, and no number in the URL.
///
/// Token: base64url (no padding) of 33 bytes: version 1 (1 byte), subscriber id (8 bytes, big-endian),
/// expiry in seconds since 1970 (8 bytes, big-endian), then the first 16 bytes of the HMAC of those 17.
public struct UnsubscribeLinks: Sendable {
    /// The server's public base URL (`server.public_url`), without a trailing slash.
    public var baseURL: String
    /// How long a link works after it is made (CASL s.11(2): at least 60 days after sending).
    public var validity: TimeInterval
    let key: SymmetricKey

    /// What a presented token is.
    public enum Check: Sendable, Equatable {
        case valid(subscriberID: Int64)
        case expired
        case invalid
    }

    /// Links signed with the key derived from `erasureKey`.
    public init(baseURL: String, validity: TimeInterval, erasureKey: ErasureKey) {
        self.init(baseURL: baseURL, validity: validity, key: erasureKey.linkKey)
    }

    init(baseURL: String, validity: TimeInterval, key: SymmetricKey) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.validity = validity
        self.key = key
    }

    /// The token for a subscriber, valid until `expires`.
    public func token(subscriberID: Int64, expires: Date) -> String {
        var payload: [UInt8] = [1]
        payload += Self.bytes(UInt64(bitPattern: subscriberID))
        payload += Self.bytes(UInt64(max(0, expires.timeIntervalSince1970)))
        let mac = HMAC<SHA256>.authenticationCode(for: payload, using: self.key)
        return Self.base64url(payload + Array(mac.prefix(16)))
    }

    /// The link for a subscriber, made at `now`.
    public func url(subscriberID: Int64, now: Date) -> String {
        "\(self.baseURL)/u/\(self.token(subscriberID: subscriberID, expires: now.addingTimeInterval(self.validity)))"
    }

    /// Checks a token's signature and expiry.
    public func check(_ token: String, now: Date) -> Check {
        guard let bytes = Self.decode(token), bytes.count == 33, bytes[0] == 1 else { return .invalid }
        let payload = Array(bytes[0..<17])
        let mac = Array(HMAC<SHA256>.authenticationCode(for: payload, using: self.key).prefix(16))
        var difference: UInt8 = 0
        for (left, right) in zip(mac, bytes[17...]) { difference |= left ^ right }
        guard difference == 0 else { return .invalid }
        let id = Int64(bitPattern: Self.number(bytes[1..<9]))
        let expires = Date(timeIntervalSince1970: TimeInterval(Self.number(bytes[9..<17])))
        return expires > now ? .valid(subscriberID: id) : .expired
    }

    static func bytes(_ value: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * $0)) } }

    static func number(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.reduce(0) { $0 << 8 | UInt64($1) } }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ token: String) -> [UInt8]? {
        guard token.count <= 64, token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        var text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).map(Array.init)
    }
}

extension SQLiteStore {
    /// Makes alert bodies' `{unsubscribe_url}` point at `baseURL` (the server's public URL), each link
    /// working for `validityDays` days.
    public func configureUnsubscribeLinks(baseURL: String, validityDays: Int) {
        let links = UnsubscribeLinks(baseURL: baseURL, validity: TimeInterval(validityDays) * 86_400, key: self.erasureKey.linkKey)
        self.unsubscribeLinks.withLock { $0 = links }
    }

    /// The unsubscribe links in force (nil until ``configureUnsubscribeLinks(baseURL:validityDays:)``).
    public var links: UnsubscribeLinks? { self.unsubscribeLinks.withLock { $0 } }
}

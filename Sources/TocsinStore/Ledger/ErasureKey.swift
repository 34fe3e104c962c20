import Crypto
import Foundation
import TocsinCore

/// The secret behind the ledger's keyed hashes: HMAC-SHA256 of phone numbers (so an erased number stays
/// suppressed without being kept in clear) and of personal fields, and the key unsubscribe links are
/// signed with (derived from it).
///
/// Never logged or printed: `description` shows only that it is a key.
public struct ErasureKey: Sendable, CustomStringConvertible {
    let key: SymmetricKey
    /// Signs unsubscribe links (HMAC-SHA256 of the erasure key over a fixed label).
    let linkKey: SymmetricKey
    /// HMAC-SHA256 under `key` with the padded key blocks already absorbed (the ledger hashes several
    /// fields per row, so the key schedule is done once).
    let hmac: PrecomputedHMAC

    /// A key from its text form (at least 32 characters; a 64-character hex string is read as 32 bytes).
    ///
    /// - Throws: ``StoreError`` `invalid` when the text is too short to be a safe key.
    public init(text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= 32 else {
            throw StoreError(.invalid, "the erasure key must be at least 32 characters (e.g. 64 hex digits from `openssl rand -hex 32`)")
        }
        self.init(bytes: Self.hexBytes(trimmed) ?? Array(trimmed.utf8))
    }

    init(bytes: [UInt8]) {
        self.key = SymmetricKey(data: bytes)
        self.hmac = PrecomputedHMAC(key: bytes)
        let derived = HMAC<SHA256>.authenticationCode(for: Data("tocsin unsubscribe link v1".utf8), using: self.key)
        self.linkKey = SymmetricKey(data: Data(derived))
    }

    /// A fresh random key (in-memory stores and new key files).
    public static func random() -> ErasureKey {
        var generator = SystemRandomNumberGenerator()
        return ErasureKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The key file used when no key is configured: `<database>.erasure-key` beside the database.
    public static func defaultFile(forDatabase path: String) -> String { path + ".erasure-key" }

    /// Reads the key file, creating it (64 random hex digits, mode 0600) when it does not exist.
    ///
    /// - Throws: ``StoreError`` `unavailable` when the file cannot be read or created.
    public static func loadOrCreate(file: String) throws -> ErasureKey {
        if let text = try? String(contentsOfFile: file, encoding: .utf8) {
            return try ErasureKey(text: text)
        }
        guard !FileManager.default.fileExists(atPath: file) else {
            throw StoreError(.unavailable, "cannot read the erasure key file \(file); check its permissions")
        }
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        guard FileManager.default.createFile(atPath: file, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(.unavailable, "cannot create the erasure key file \(file); check the directory is writable or set compliance.erasure_key")
        }
        return try ErasureKey(text: hex)
    }

    /// Hex HMAC-SHA256 of `text` under this key.
    public func hmacHex(_ text: String) -> String {
        Self.hex(self.hmac.code(for: Data(text.utf8)))
    }

    /// The stored stand-in for an erased number: `hmac:` and the number's keyed hash.
    public func erasedPhone(_ e164: String) -> String { "hmac:" + self.hmacHex(e164) }

    public var description: String { "ErasureKey(<secret>)" }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            guard let high = Self.nibble(utf8[index]), let low = Self.nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// HMAC-SHA256 (RFC 2104) with the inner and outer hash states for one key computed once. `SHA256` is a
/// copy-on-write value, so each code starts from a private copy of the stored states.
struct PrecomputedHMAC: @unchecked Sendable {
    private let inner: SHA256
    private let outer: SHA256

    init(key: [UInt8]) {
        var block = key.count > 64 ? Array(SHA256.hash(data: key)) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(data: block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    func code(for data: Data) -> SHA256.Digest {
        var inner = self.inner
        inner.update(data: data)
        var outer = self.outer
        outer.update(data: Data(inner.finalize()))
        return outer.finalize()
    }
}

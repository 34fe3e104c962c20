import Crypto
import Foundation

/// Checks Telnyx's webhook signatures: Ed25519 over `"{telnyx-timestamp}|{raw body}"` with the account's
/// public key; the signature is base64 in `telnyx-signature-ed25519`, the Unix time in seconds in
/// `telnyx-timestamp`.
///
/// As Telnyx's own helper library (`telnyx` on PyPI, `verify_webhook_signature`) does, a timestamp more
/// than ``tolerance`` seconds away from now (older or newer) is refused, so a captured webhook cannot be
/// replayed later; `Tests/TocsinCarriersTests/Fixtures/telnyx-signature-vectors.json` holds its answers.
/// Deliberate differences: the timestamp must be ASCII digits (Python's `int()` also takes `+`, `_` and
/// surrounding spaces) and the signature strict base64 (Python skips stray characters).
public struct TelnyxSignature: Sendable {
    /// Seconds a timestamp may be away from now.
    public static let tolerance: TimeInterval = 300
    private let key: Curve25519.Signing.PublicKey

    /// - Parameter publicKey: The base64 public key from Telnyx (32 bytes once decoded).
    /// - Returns: nil when the key is not base64 of 32 bytes.
    public init?(publicKey: String) {
        guard let raw = Data(base64Encoded: publicKey.trimmingCharacters(in: .whitespaces)), raw.count == 32,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { return nil }
        self.key = key
    }

    /// Whether the headers sign exactly this body, at a time within the tolerance of `now`.
    public func isValid(signature: String?, timestamp: String?, body: [UInt8], now: Date) -> Bool {
        guard let signature, let timestamp, !timestamp.isEmpty, timestamp.utf8.count <= 19,
            timestamp.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let seconds = Int64(timestamp),
            abs(Int64(now.timeIntervalSince1970.rounded(.down)) - seconds) <= Int64(Self.tolerance),
            let signatureBytes = Data(base64Encoded: signature), signatureBytes.count == 64,
            String(validating: body, as: UTF8.self) != nil
        else { return false }
        var signed = Array(timestamp.utf8)
        signed.append(UInt8(ascii: "|"))
        signed.append(contentsOf: body)
        return self.key.isValidSignature(signatureBytes, for: signed)
    }
}

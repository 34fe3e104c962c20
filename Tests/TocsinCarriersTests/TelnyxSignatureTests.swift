import Crypto
import Foundation
import Testing
import TocsinCarriers

/// TelnyxSignature against the verdicts of Telnyx's own Python library (Fixtures/make_telnyx_vectors.py).
struct TelnyxSignatureTests {
    struct Vectors: Decodable {
        var now: Int
        var publicKey: String
        var cases: [Case]
        enum CodingKeys: String, CodingKey {
            case now, cases
            case publicKey = "public_key"
        }
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var body: String
        var timestamp: String?
        var signature: String?
        var valid: Bool
        var testDescription: String { self.name }
    }

    static let vectors: Vectors = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/telnyx-signature-vectors.json")
        return try! JSONDecoder().decode(Vectors.self, from: Data(contentsOf: path))
    }()

    @Test(arguments: vectors.cases)
    func agreesWithTelnyxsLibrary(_ testCase: Case) throws {
        let verifier = try #require(TelnyxSignature(publicKey: Self.vectors.publicKey))
        let now = Date(timeIntervalSince1970: TimeInterval(Self.vectors.now))
        let verdict = verifier.isValid(signature: testCase.signature, timestamp: testCase.timestamp, body: Array(testCase.body.utf8), now: now)
        #expect(verdict == testCase.valid)
    }

    @Test func theVectorsCoverBothVerdicts() {
        #expect(Self.vectors.cases.contains { $0.valid })
        #expect(Self.vectors.cases.contains { !$0.valid })
    }

    @Test func swiftSignsAsPyNaClDoes() throws {
        // Ed25519 is deterministic: the same seed signs the same bytes identically.
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: (0..<32).map { UInt8($0) })
        #expect(key.publicKey.rawRepresentation.base64EncodedString() == Self.vectors.publicKey)
        let first = try #require(Self.vectors.cases.first)
        let signed = try key.signature(for: Array("\(first.timestamp!)|\(first.body)".utf8))
        #expect(signed.base64EncodedString() == first.signature)
    }

    @Test(arguments: ["", "not base64", "AAAA", Data(count: 33).base64EncodedString()])
    func aBadPublicKeyIsRefused(_ key: String) {
        #expect(TelnyxSignature(publicKey: key) == nil)
    }
}

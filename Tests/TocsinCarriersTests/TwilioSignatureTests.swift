import Foundation
import Testing

@testable import TocsinCarriers

/// Checks ``TwilioSignature`` against answers of Twilio's Python helper library, recorded by
/// `Fixtures/make_twilio_vectors.py` in `Fixtures/twilio-signature-vectors.json`.
struct TwilioSignatureTests {
    struct Vectors: Decodable, Sendable {
        let twilioVersion: String
        let formCases: [FormCase]
        let bodyCases: [BodyCase]
        let settingsHeaderCases: [SettingsHeaderCase]
    }

    /// A form-encoded webhook, signed over `signedURL`, received at `url`.
    struct FormCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let authToken: String
        let algorithm: String
        let url: String
        let signedURL: String
        let params: [[String]]
        let signature: String
        let valid: Bool
        let tamperedSignature: String
        let tamperedValid: Bool
        let otherToken: String
        let otherTokenSignature: String
        let otherTokenValid: Bool
        let portToggledURL: String?
        let portToggledSignature: String?
        let portToggledValid: Bool?
        let swiftRejects: Bool?

        var testDescription: String { self.name }
        var pairs: [(String, String)] { self.params.map { ($0[0], $0[1]) } }
        var rejected: Bool { self.swiftRejects ?? false }
        var signer: TwilioSignature {
            TwilioSignature(authToken: self.authToken, algorithm: TwilioSignature.Algorithm(rawValue: self.algorithm)!)
        }
    }

    /// A JSON-body webhook (`bodySHA256` variant).
    struct BodyCase: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let authToken: String
        let url: String
        let signedURL: String
        let body: String
        let signature: String
        let valid: Bool
        let tamperedSignature: String
        let tamperedValid: Bool

        var testDescription: String { self.name }
    }

    struct SettingsHeaderCase: Decodable, Sendable, CustomTestStringConvertible {
        let header: String?
        let normalised: String?

        var testDescription: String { self.header.map { "header \"\($0)\"" } ?? "no header" }
    }

    static func loadVectors() throws -> Vectors {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/twilio-signature-vectors.json")
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    static let vectors: Vectors? = try? loadVectors()

    @Test func vectorFileLoadsWithEnoughCases() throws {
        let vectors = try Self.loadVectors()
        #expect(vectors.twilioVersion == "9.13.0")
        #expect(vectors.formCases.count >= 25)
        #expect(vectors.bodyCases.count >= 5)
        #expect(vectors.settingsHeaderCases.count >= 5)
    }

    @Test(arguments: vectors?.formCases ?? [])
    func formCaseMatchesHelperLibrary(_ vector: FormCase) {
        let signer = vector.signer
        let pairs = vector.pairs
        // What the library says, except for the URLs we refuse on purpose (documented in TwilioSignature).
        func expected(_ libraryAnswer: Bool) -> Bool { vector.rejected ? false : libraryAnswer }

        #expect(signer.compute(url: vector.signedURL, parameters: pairs) == vector.signature)
        #expect(signer.isValid(vector.signature, url: vector.url, parameters: pairs) == expected(vector.valid))
        #expect(
            signer.isValid(vector.tamperedSignature, url: vector.url, parameters: pairs)
                == expected(vector.tamperedValid)
        )
        #expect(!signer.isValid(nil, url: vector.url, parameters: pairs))

        let otherSigner = TwilioSignature(authToken: vector.otherToken, algorithm: signer.algorithm)
        #expect(otherSigner.compute(url: vector.signedURL, parameters: pairs) == vector.otherTokenSignature)
        #expect(
            signer.isValid(vector.otherTokenSignature, url: vector.url, parameters: pairs)
                == expected(vector.otherTokenValid)
        )

        if let toggledURL = vector.portToggledURL, let toggledSignature = vector.portToggledSignature,
            let toggledValid = vector.portToggledValid
        {
            #expect(signer.compute(url: toggledURL, parameters: pairs) == toggledSignature)
            #expect(signer.isValid(toggledSignature, url: vector.url, parameters: pairs) == expected(toggledValid))
        }
    }

    @Test(arguments: vectors?.bodyCases ?? [])
    func bodyCaseMatchesHelperLibrary(_ vector: BodyCase) {
        let signer = TwilioSignature(authToken: vector.authToken)
        let body = Array(vector.body.utf8)
        #expect(signer.compute(url: vector.signedURL, parameters: []) == vector.signature)
        #expect(signer.isValid(vector.signature, url: vector.url, body: body) == vector.valid)
        #expect(signer.isValid(vector.tamperedSignature, url: vector.url, body: body) == vector.tamperedValid)
        #expect(!signer.isValid(nil, url: vector.url, body: body))
    }

    @Test(arguments: vectors?.settingsHeaderCases ?? [])
    func settingsHeaderMatchesHelperLibrary(_ vector: SettingsHeaderCase) {
        #expect(TwilioSignature.Algorithm(settingsHeader: vector.header)?.rawValue == vector.normalised)
    }

    @Test func parameterOrderDoesNotChangeTheSignature() throws {
        let vectors = try #require(Self.vectors)
        for vector in vectors.formCases where vector.pairs.count > 1 {
            let pairs = vector.pairs
            let rotated = Array(pairs[(pairs.count / 2)...] + pairs[..<(pairs.count / 2)])
            for permutation in [Array(pairs.reversed()), rotated] {
                #expect(
                    vector.signer.compute(url: vector.signedURL, parameters: permutation) == vector.signature,
                    "\(vector.name)"
                )
            }
        }
    }

    @Test func signatureOfAnotherLengthOrWithNonASCIIIsRejected() {
        let signer = TwilioSignature(authToken: "made-up-token")
        let url = "https://tocsin.example.org/hook"
        let parameters = [("Body", "hi")]
        let good = signer.compute(url: url, parameters: parameters)
        #expect(signer.isValid(good, url: url, parameters: parameters))
        #expect(!signer.isValid(good + "=", url: url, parameters: parameters))
        #expect(!signer.isValid(String(good.dropLast()), url: url, parameters: parameters))
        #expect(!signer.isValid("", url: url, parameters: parameters))
        #expect(!signer.isValid("é" + good.dropFirst(2), url: url, parameters: parameters))
    }

    @Test func signatureDependsOnTheAlgorithm() {
        let parameters = [("Body", "hi")]
        let url = "https://tocsin.example.org/hook"
        let sha1Signer = TwilioSignature(authToken: "made-up-token")
        let sha256Signer = TwilioSignature(authToken: "made-up-token", algorithm: .hmacSHA256)
        let sha1 = sha1Signer.compute(url: url, parameters: parameters)
        let sha256 = sha256Signer.compute(url: url, parameters: parameters)
        #expect(sha1.count == 28)
        #expect(sha256.count == 44)
        #expect(sha256Signer.isValid(sha256, url: url, parameters: parameters))
        #expect(!sha256Signer.isValid(sha1, url: url, parameters: parameters))
        #expect(!sha1Signer.isValid(sha256, url: url, parameters: parameters))
    }

    @Test func authTokenNeverAppearsInDescriptions() {
        let token = "secret-token-4f1d9c"
        let signer = TwilioSignature(authToken: token)
        var dumped = ""
        dump(signer, to: &dumped)
        let renderings = [
            String(describing: signer), String(reflecting: signer), "\(signer)", signer.debugDescription, dumped,
            String(describing: [signer]), String(describing: Optional(signer)),
        ]
        for rendering in renderings {
            #expect(!rendering.contains(token), "\(rendering)")
            #expect(rendering.contains("redacted"), "\(rendering)")
        }
    }
}

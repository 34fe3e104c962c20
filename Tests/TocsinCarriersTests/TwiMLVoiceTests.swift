import Foundation
import Testing
import TocsinCore

@testable import TocsinCarriers

/// Checks the alert-call TwiML against `str(VoiceResponse())` of Twilio's Python helper library, recorded by
/// `Fixtures/make_twiml_voice_vectors.py`.
struct TwiMLVoiceTests {
    struct Vectors: Decodable, Sendable {
        let menuTimeout: Int
        let cases: [Case]
    }

    struct Call: Decodable, Sendable, Hashable {
        let language: String
        let locale: String
        let org: String
        let callback: String
        let script: String
        let targetName: String?
        let targetNumber: String?
        let menuURL: String
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let kind: String
        let call: Call
        let xml: String
        var testDescription: String { self.name }
    }

    static func load() throws -> Vectors {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/twiml-voice-vectors.json")
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    static let cases: [Case] = (try? load().cases) ?? []

    static func outbound(_ call: Call) -> OutboundCall {
        OutboundCall(
            messageID: 42, to: PhoneNumber(e164: "+14155550101")!, from: "+14155550100", language: call.language,
            script: call.script, organisationName: call.org, callbackNumber: call.callback, targetName: call.targetName,
            targetNumber: call.targetNumber, campaign: "rights"
        )
    }

    static func render(_ vector: Case) -> String? {
        let call = Self.outbound(vector.call)
        let locale = vector.call.locale
        switch vector.kind {
        case "call": return TwiML.voiceCall(call, locale: locale, menuURL: vector.call.menuURL)
        case "menuAgain": return TwiML.voiceMenuAgain(call, locale: locale, menuURL: vector.call.menuURL)
        case "connect": return TwiML.voiceConnect(call, locale: locale)
        case "stopped": return TwiML.voiceStopped(call, locale: locale)
        case "goodbye": return TwiML.voiceGoodbye(call, locale: locale)
        case "hangup": return TwiML.hangup
        default: return nil
        }
    }

    @Test func vectorFileCoversEveryLanguageAndAnswer() throws {
        let vectors = try Self.load()
        #expect(vectors.menuTimeout == TwiML.voiceMenuTimeout)
        for language in VoiceScript.languages {
            for kind in ["call", "connect", "stopped", "menuAgain", "goodbye"] {
                #expect(vectors.cases.contains { $0.kind == kind && $0.call.language == language }, "no \(kind) vector in \(language)")
            }
            #expect(vectors.cases.contains { $0.kind == "call" && $0.call.language == language && $0.call.targetName == nil })
            #expect(vectors.call(language: language).locale == VoiceScript.defaultLocales[language])
        }
    }

    @Test(arguments: cases)
    func matchesHelperLibrary(_ vector: Case) throws {
        let output = try #require(Self.render(vector), "unknown kind \(vector.kind)")
        #expect(Array(output.utf8) == Array(vector.xml.utf8))
    }

    @Test func theOptOutKeyIsOfferedRightAfterTheIdentification() throws {
        let vector = try #require(Self.cases.first { $0.kind == "call" && $0.call.language == "en" })
        let xml = try #require(Self.render(vector))
        let org = try #require(xml.range(of: "This is a call from RightsAlert."))
        let nine = try #require(xml.range(of: "press 9"))
        let alert = try #require(xml.range(of: vector.call.script))
        #expect(org.upperBound <= nine.lowerBound && nine.upperBound <= alert.lowerBound)
        #expect(xml.contains("<Gather action="))
    }
}

extension TwiMLVoiceTests.Vectors {
    func call(language: String) -> TwiMLVoiceTests.Call {
        self.cases.first { $0.call.language == language }!.call
    }
}

import Foundation
import Testing
import TocsinCarriers
import TocsinCore
import TocsinTesting

/// ``TwilioCalls`` against a local stub of Twilio's API.
struct TwilioCallsTests {
    static let account = "AC00000000000000000000000000000001"
    static let token = "0123456789abcdef0123456789abcdef"

    static func call(_ id: Int64 = 42) -> OutboundCall {
        OutboundCall(
            messageID: id, to: PhoneNumber(e164: "+14155550101")!, from: "+14155550100", language: "en", script: "Ana faces execution.",
            organisationName: "RightsAlert", callbackNumber: "+14155550199", targetName: "the Minister", targetNumber: "+12025550143",
            campaign: "rights"
        )
    }

    static func carrier(_ baseURL: String) -> TwilioCalls {
        TwilioCalls(settings: .init(accountSID: Self.account, authToken: Self.token, apiBaseURL: baseURL, webhookBaseURL: "https://tocsin.example.org/"))
    }

    @Test func createsTheCallAsTheOpenAPIDescriptionSays() async throws {
        let stub = CarrierAPIStub { _ in .init(status: 201, body: #"{"sid":"CA0123456789abcdef0123456789abcdef","status":"queued"}"#) }
        let receipt = try await stub.run { try await Self.carrier($0).placeCall(Self.call()) }
        #expect(receipt.carrierMessageID == "CA0123456789abcdef0123456789abcdef")
        let request = try #require(stub.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/2010-04-01/Accounts/\(Self.account)/Calls.json")
        #expect(request.headers["authorization"] == "Basic " + Data("\(Self.account):\(Self.token)".utf8).base64EncodedString())
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        let fields = request.formFields
        let hook = "https://tocsin.example.org/webhooks/twilio/voice/42"
        #expect(fields.map(\.0) == ["To", "From", "Url", "Method", "StatusCallback", "StatusCallbackMethod"] + Array(repeating: "StatusCallbackEvent", count: 4))
        #expect(fields.first { $0.0 == "To" }?.1 == "+14155550101")
        #expect(fields.first { $0.0 == "From" }?.1 == "+14155550100")
        #expect(fields.first { $0.0 == "Url" }?.1 == hook)
        #expect(fields.first { $0.0 == "StatusCallback" }?.1 == hook + "/status")
        #expect(fields.filter { $0.0 == "StatusCallbackEvent" }.map(\.1) == ["initiated", "ringing", "answered", "completed"])
        #expect(request.text.contains("To=%2B14155550101"))
    }

    @Test(arguments: [
        (429, nil as Int?, CarrierError.Kind.rateLimited, true), (503, nil, .unavailable, true), (500, 20500, .unavailable, true),
        (401, 20003, .misconfigured, false), (400, 21212, .misconfigured, false), (400, 21215, .misconfigured, false),
        (400, 21211, .rejected, false), (400, 21217, .rejected, false), (400, 99999, .rejected, false), (429, 20429, .rateLimited, true),
        (404, 20404, .misconfigured, false),
    ])
    func mapsErrors(_ status: Int, _ code: Int?, _ kind: CarrierError.Kind, _ retryable: Bool) async throws {
        let body = code.map { #"{"code":\#($0),"message":"The 'To' number +14155550101 is not valid.","status":\#(status)}"# } ?? "oops"
        let stub = CarrierAPIStub { _ in .init(status: status, body: body) }
        let outcome = try await stub.run { base in
            do throws(CarrierError) { return Result<CarrierReceipt, CarrierError>.success(try await Self.carrier(base).placeCall(Self.call())) }
            catch { return .failure(error) }
        }
        switch outcome {
        case .success:
            Issue.record("expected an error")
        case .failure(let error):
            #expect(error.kind == kind)
            #expect(error.isRetryable == retryable)
            #expect(error.code == code.map(String.init))
            #expect(!error.description.contains("4155550101"), "the number must not leak: \(error)")
            #expect(!error.description.contains(Self.token))
        }
    }

    @Test func anUnreachableAPIIsRetryable() async throws {
        // The stub's address once it has stopped: nothing listens there.
        let url = try await CarrierAPIStub { _ in .init(status: 201, body: "{}") }.run { $0 }
        let carrier = TwilioCalls(settings: .init(accountSID: Self.account, authToken: Self.token, apiBaseURL: url, webhookBaseURL: "https://x.example", timeout: .seconds(5)))
        do {
            _ = try await carrier.placeCall(Self.call())
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unavailable && error.isRetryable)
        }
    }

    @Test func aSuccessWithoutASidIsRetryable() async throws {
        let stub = CarrierAPIStub { _ in .init(status: 201, body: "{}") }
        let outcome = try await stub.run { base in
            do throws(CarrierError) { return Result<CarrierReceipt, CarrierError>.success(try await Self.carrier(base).placeCall(Self.call())) }
            catch { return .failure(error) }
        }
        switch outcome {
        case .success: Issue.record("expected an error")
        case .failure(let error): #expect(error.kind == .unavailable)
        }
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TocsinCore

/// Places alert calls through Twilio's Calls API:
/// `POST {api base}/2010-04-01/Accounts/{AccountSid}/Calls.json` with Basic auth and the form fields `To`,
/// `From`, `Url` (Tocsin's signed TwiML route for the message), `Method`, `StatusCallback`,
/// `StatusCallbackMethod` and `StatusCallbackEvent` (one field per event), as Twilio's OpenAPI description
/// of `CreateCall` specifies.
///
/// Twilio then fetches `{webhook base}/webhooks/twilio/voice/{message id}` when the call is answered, posts
/// the key pressed to `…/gather` and each progress event to `…/status`.
public struct TwilioCalls: VoiceCarrier {
    public let id = "twilio"
    let settings: Settings
    let client: HTTPClient

    /// Where and as whom to call the API.
    public struct Settings: Sendable {
        public var accountSID: String
        /// Secret: never logged.
        public var authToken: String
        /// `twilio.api_base_url` (default `https://api.twilio.com`; tests point it at a local stub).
        public var apiBaseURL: String
        /// `server.public_url`: the base of the URLs Twilio calls back.
        public var webhookBaseURL: String
        public var timeout: TimeAmount

        public init(accountSID: String, authToken: String, apiBaseURL: String = "https://api.twilio.com", webhookBaseURL: String, timeout: TimeAmount = .seconds(15)) {
            self.accountSID = accountSID
            self.authToken = authToken
            self.apiBaseURL = apiBaseURL
            self.webhookBaseURL = webhookBaseURL
            self.timeout = timeout
        }
    }

    /// The progress events Twilio reports to the status callback.
    public static let statusEvents = ["initiated", "ringing", "answered", "completed"]

    public init(settings: Settings, client: HTTPClient = .shared) {
        self.settings = settings
        self.client = client
    }

    /// The base of one call's webhook URLs: `{webhook base}/webhooks/twilio/voice/{message id}`.
    public static func webhookURL(base: String, messageID: Int64) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/webhooks/twilio/voice/\(messageID)"
    }

    /// The form fields of the create-call request, in the order they are sent.
    public func formFields(_ call: OutboundCall) -> [(String, String)] {
        let hook = Self.webhookURL(base: self.settings.webhookBaseURL, messageID: call.messageID)
        return [("To", call.to.e164), ("From", call.from), ("Url", hook), ("Method", "POST"), ("StatusCallback", hook + "/status"), ("StatusCallbackMethod", "POST")]
            + Self.statusEvents.map { ("StatusCallbackEvent", $0) }
    }

    /// The API URL calls are created at.
    public var callsURL: String {
        let base = self.settings.apiBaseURL.hasSuffix("/") ? String(self.settings.apiBaseURL.dropLast()) : self.settings.apiBaseURL
        return base + "/2010-04-01/Accounts/\(self.settings.accountSID)/Calls.json"
    }

    public func placeCall(_ call: OutboundCall) async throws(CarrierError) -> CarrierReceipt {
        var request = HTTPClientRequest(url: self.callsURL)
        request.method = .POST
        let credentials = Data("\(self.settings.accountSID):\(self.settings.authToken)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(credentials)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.body = .bytes(ByteBuffer(string: TwilioForm.encode(self.formFields(call))))
        let status: Int
        let body: ByteBuffer
        do {
            let response = try await self.client.execute(request, timeout: self.settings.timeout)
            status = Int(response.status.code)
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw CarrierError(.unavailable, message: "Twilio Calls API unreachable: \(type(of: error))")
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any]
        if (200..<300).contains(status) {
            guard let sid = json?["sid"] as? String, !sid.isEmpty else {
                throw CarrierError(.unavailable, message: "Twilio answered \(status) without a call sid")
            }
            return CarrierReceipt(carrierMessageID: sid)
        }
        throw TwilioCallsError.map(status: status, code: json?["code"] as? Int, message: json?["message"] as? String)
    }
}

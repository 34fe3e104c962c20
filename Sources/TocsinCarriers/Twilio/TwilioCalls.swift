import AsyncHTTPClient
import Foundation
import NIOCore
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
    let http: CarrierHTTP

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
        self.http = CarrierHTTP(client: client, timeoutSeconds: Int(settings.timeout.nanoseconds / 1_000_000_000))
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
        let credentials = TwilioCredentials(accountSID: self.settings.accountSID, authToken: self.settings.authToken)
        let answer = try await self.http.post(
            url: self.callsURL,
            headers: [
                ("Authorization", credentials.basicAuthorization),
                ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
            ],
            body: FormBody.encode(self.formFields(call)), carrier: "Twilio Calls"
        )
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
        guard (200..<300).contains(answer.status) else {
            throw TwilioCallsError.map(status: answer.status, code: json?["code"] as? Int, message: json?["message"] as? String)
        }
        guard let sid = json?["sid"] as? String, !sid.isEmpty else {
            throw CarrierError(.unavailable, message: "Twilio answered \(answer.status) without a call sid", carrier: self.id)
        }
        return CarrierReceipt(carrierMessageID: sid, carrier: self.id)
    }
}

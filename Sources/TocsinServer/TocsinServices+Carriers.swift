import Foundation
import TocsinCarriers
import TocsinCore

extension TocsinServices {
    /// The webhook path Twilio posts message status callbacks to.
    public static let twilioStatusPath = "/webhooks/twilio/status"
    /// The webhook path Telnyx posts inbound messages and delivery events to.
    public static let telnyxWebhookPath = "/webhooks/telnyx/sms"

    /// One carrier adapter by name (`twilio`, `telnyx`, `mock`), from the configuration.
    static func makeCarrier(named name: String, _ config: TocsinConfig, clock: any WallClock) throws -> any CarrierAdapter {
        let settings = config.carriers
        let http = CarrierHTTP(timeoutSeconds: settings.timeoutSeconds)
        let base = config.publicURL.trimmingSuffix("/")
        switch name {
        case "twilio":
            guard let sid = config.twilioAccountSID, let token = config.twilioAuthToken else {
                throw ConfigError("twilio needs twilio.account_sid (TOCSIN_TWILIO_ACCOUNT_SID) and twilio.auth_token (TOCSIN_TWILIO_AUTH_TOKEN)")
            }
            return TwilioMessages(
                credentials: TwilioCredentials(accountSID: sid, authToken: token, messagingServiceSID: settings.twilioMessagingServiceSID),
                apiBaseURL: settings.twilioAPIBaseURL, statusCallbackURL: base + Self.twilioStatusPath, http: http, clock: clock
            )
        case "telnyx":
            guard let key = settings.telnyxAPIKey else { throw ConfigError("telnyx needs telnyx.api_key (TOCSIN_TELNYX_API_KEY)") }
            return TelnyxMessages(
                credentials: TelnyxCredentials(
                    apiKey: key, publicKey: settings.telnyxPublicKey, messagingProfileID: settings.telnyxMessagingProfileID
                ),
                apiBaseURL: settings.telnyxAPIBaseURL, webhookURL: base + Self.telnyxWebhookPath, http: http
            )
        case "mock":
            return try MockCarrier(outboxPath: config.mockOutboxPath, clock: clock)
        default:
            throw ConfigError("unknown carrier '\(name)': carriers are twilio, telnyx or mock")
        }
    }
}

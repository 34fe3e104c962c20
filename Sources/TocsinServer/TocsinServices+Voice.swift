import TocsinCarriers
import TocsinCore

extension TocsinServices {
    /// The voice carrier of the configuration: Twilio's Calls API with `carrier.kind: twilio`, else the SMS
    /// carrier when it can also call (the mock writes calls to its outbox), else none.
    static func makeVoiceCarrier(_ config: TocsinConfig, carrier: any CarrierAdapter) -> (any VoiceCarrier)? {
        if config.carrierKind == "twilio", let sid = config.twilioAccountSID, let token = config.twilioAuthToken {
            return TwilioCalls(
                settings: .init(accountSID: sid, authToken: token, apiBaseURL: config.carriers.twilioAPIBaseURL, webhookBaseURL: config.publicURL)
            )
        }
        return carrier as? any VoiceCarrier
    }

    /// Why voice alerts cannot be sent with this configuration (nil: they can).
    var voiceProblem: String? {
        if self.voiceCarrier == nil {
            return "channel voice needs a carrier that places calls: set carrier.kind to twilio (or mock for a demo)"
        }
        if self.config.voice.callbackNumber == nil {
            return "channel voice needs voice.callback_number (the number every call gives for calling back)"
        }
        return nil
    }
}

import Testing
import TocsinCore

struct CallStatusTests {
    @Test(arguments: [
        ("queued", "queued"), ("ringing", "sent"), ("in-progress", "delivered"), ("completed", "delivered"),
        ("busy", "undelivered"), ("no-answer", "undelivered"), ("failed", "failed"), ("canceled", "failed"),
    ])
    func mapsEveryTwilioCallStatus(_ twilio: String, _ state: String) throws {
        let status = try #require(CallStatus(rawValue: twilio))
        #expect(status.messageState.rawValue == state)
    }

    @Test func coversTheOpenAPIEnum() {
        // Twilio's call_enum_status in twilio_api_v2010.json.
        let twilio: Set = ["queued", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"]
        #expect(Set(CallStatus.allCases.map(\.rawValue)) == twilio)
    }

    @Test(arguments: [
        ("sending", CallMessageState.sent, true), ("sending", .delivered, true), ("sending", .queued, false),
        ("sent", .delivered, true), ("sent", .undelivered, true), ("sent", .sent, false), ("sent", .queued, false),
        ("delivered", .failed, false), ("undelivered", .delivered, false), ("queued", .sent, false), ("failed", .delivered, false),
    ])
    func neverMovesBack(_ current: String, _ state: CallMessageState, _ expected: Bool) {
        #expect(state.advances(from: current) == expected)
    }
}

import Foundation
import Testing
import TocsinCarriers
import TocsinCore
import TocsinTesting

struct TwilioMessagesTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        (nil, nil), (3_600.9, 3_600), (0.4, 1), (-5, 1), (36_000, 36_000), (100_000, 36_000),
    ] as [(TimeInterval?, Int?)])
    func validityPeriodStaysInsideTwiliosBounds(_ left: TimeInterval?, _ expected: Int?) {
        #expect(TwilioMessages.validityPeriod(expiresAt: left.map { self.now.addingTimeInterval($0) }, now: self.now) == expected)
    }

    @Test func aMessagingServiceReplacesFrom() {
        let adapter = TwilioMessages(
            credentials: TwilioCredentials(accountSID: "AC1", authToken: "t", messagingServiceSID: "MG0123456789abcdef0123456789abcdef"),
            statusCallbackURL: nil, clock: MockClock(self.now)
        )
        let sms = OutboundSMS(id: 1, to: PhoneNumber(e164: "+12125550401")!, from: "+14155550100", body: "hi", kind: .help, campaign: nil)
        let names = adapter.fields(for: sms).map(\.0)
        #expect(names == ["To", "MessagingServiceSid", "Body"])
    }

    @Test func credentialsNeverPrintTheToken() {
        let credentials = TwilioCredentials(accountSID: "AC1", authToken: "s3cr3t-token")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [credentials.description, "\(credentials)", String(reflecting: credentials), dumped] {
            #expect(!text.contains("s3cr3t-token"))
        }
        let telnyx = TelnyxCredentials(apiKey: "KEYs3cr3t")
        var telnyxDump = ""
        dump(telnyx, to: &telnyxDump)
        #expect(!telnyx.description.contains("KEYs3cr3t") && !telnyxDump.contains("KEYs3cr3t"))
    }

    @Test func formEncodingRoundTrips() throws {
        let fields = [("Body", "Ana & co: 100% é 取消 +1 a=b"), ("To", "+12125550401"), ("Empty", "")]
        let parsed = try FormBody.parse(FormBody.encode(fields))
        #expect(parsed.map(\.0) == fields.map(\.0))
        #expect(parsed.map(\.1) == fields.map(\.1))
        #expect(String(decoding: FormBody.encode([("To", "+1 2")]), as: UTF8.self) == "To=%2B1+2")
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TocsinCore
import TocsinTesting

struct AlertRoutesTests {
    func post(_ client: some TestClientProtocol, _ uri: String, token: String?, _ body: String = "") async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) {
            ($0.status, String(buffer: $0.body))
        }
    }

    func get(_ client: some TestClientProtocol, _ uri: String, token: String?) async throws -> (HTTPResponse.Status, String) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
    }

    static let weekly = #"{"name":"Free Ana","bodies":{"en":"{first_name}, call the minister: {action_link}","fr":"Appelez le ministre : {action_link}"},"schedule":{"kind":"recurring","rule":"FREQ=WEEKLY;BYDAY=MO;COUNT=4","start":"2026-11-23T10:00","time_zone":"America/New_York","delivery":"recipient_local"},"expiry_hours":12}"#

    @Test func campaignersCreatePreviewPauseResumeAndCancelAlerts() async throws {
        let app = try await TestApp()
        let campaigner = try await app.token(.campaigner, name: "cam")
        try await app.application.test(.router) { client in
            let created = try await self.post(client, "/v1/campaigns/rights/alerts", token: campaigner, Self.weekly)
            #expect(created.0 == .created)
            #expect(created.1.contains("\"segments\":{\"en\":{\"encoding\":\"GSM-7\""))
            #expect(created.1.contains("\"status\":\"active\""))
            #expect(created.1.contains("\"next_occurrence_at\":\"2026-11-22T"))
            let preview = try await self.get(client, "/v1/alerts/1/preview?count=2", token: campaigner)
            #expect(preview.0 == .ok)
            #expect(preview.1.contains("\"local\":\"2026-11-23T10:00:00\""))
            #expect(preview.1.contains("\"local\":\"2026-11-30T10:00:00\""))
            #expect(preview.1.contains("call the minister: https://"))
            do {
                let result = try await self.post(client, "/v1/alerts/1/pause", token: campaigner)
                #expect(result.1.contains("\"status\":\"paused\""))
            }
            do {
                let result = try await self.post(client, "/v1/alerts/1/resume", token: campaigner)
                #expect(result.1.contains("\"status\":\"active\""))
            }
            do {
                let result = try await self.post(client, "/v1/alerts/1/cancel", token: campaigner)
                #expect(result.1.contains("\"status\":\"cancelled\""))
            }
            do {
                let result = try await self.post(client, "/v1/alerts/1/resume", token: campaigner)
                #expect(result.0 == .conflict)
            }
            let listed = try await self.get(client, "/v1/campaigns/rights/alerts", token: campaigner)
            #expect(listed.1.contains("\"name\":\"Free Ana\""))
        }
    }

    @Test func aOneOffAlertGoesToEveryActiveSubscriberAndReportsCounts() async throws {
        let app = try await TestApp()
        let campaigner = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            for index in 0..<5 { try await client.text("+1212555070\(index)", "RIGHTS", id: "j\(index)") }
            try await client.text("+12125550700", "STOP", id: "s0")
            let created = try await self.post(client, "/v1/campaigns/rights/alerts", token: campaigner,
                #"{"name":"Now","bodies":{"en":"{program}: act now: {action_link}"},"schedule":{"kind":"once"}}"#)
            #expect(created.0 == .created)
            try await app.services.scheduler.tick()
            let status = try await self.get(client, "/v1/alerts/1", token: campaigner)
            #expect(status.1.contains("\"queued\":4"))
            #expect(status.1.contains("\"occurrences\":1"))
            #expect(status.1.contains("\"status\":\"completed\""))
        }
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let body: String
        let status: HTTPResponse.Status
        let mentions: String
    }

    static let bad: [Bad] = [
        Bad(testDescription: "invalid RRULE", body: #"{"name":"x","bodies":{"en":"hi"},"schedule":{"kind":"recurring","rule":"FREQ=HOURLY","start":"2026-12-01T10:00","time_zone":"UTC"}}"#, status: .unprocessableContent, mentions: "FREQ"),
        Bad(testDescription: "unknown time zone", body: #"{"name":"x","bodies":{"en":"hi"},"schedule":{"kind":"recurring","rule":"FREQ=DAILY","start":"2026-12-01T10:00","time_zone":"Mars/Olympus"}}"#, status: .unprocessableContent, mentions: "Mars/Olympus"),
        Bad(testDescription: "UNTIL before DTSTART", body: #"{"name":"x","bodies":{"en":"hi"},"schedule":{"kind":"recurring","rule":"FREQ=DAILY;UNTIL=20261101T000000Z","start":"2026-12-01T10:00","time_zone":"UTC"}}"#, status: .unprocessableContent, mentions: "UNTIL"),
        Bad(testDescription: "empty body", body: #"{"name":"x","bodies":{"en":""},"schedule":{"kind":"once"}}"#, status: .unprocessableContent, mentions: "empty"),
        Bad(testDescription: "over the segment limit", body: "{\"name\":\"x\",\"bodies\":{\"en\":\"\(String(repeating: "word ", count: 150))\"},\"schedule\":{\"kind\":\"once\"}}", status: .unprocessableContent, mentions: "segments"),
        Bad(testDescription: "unknown placeholder", body: #"{"name":"x","bodies":{"en":"hi {nickname}"},"schedule":{"kind":"once"}}"#, status: .unprocessableContent, mentions: "nickname"),
        Bad(testDescription: "missing schedule", body: #"{"name":"x","bodies":{"en":"hi"}}"#, status: .badRequest, mentions: "schedule"),
        Bad(testDescription: "not JSON", body: "nope", status: .badRequest, mentions: "JSON"),
    ]

    @Test(arguments: bad)
    func badAlertsAreRefusedWithWhatToFix(_ testCase: Bad) async throws {
        let app = try await TestApp()
        let campaigner = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            let (status, body) = try await self.post(client, "/v1/campaigns/rights/alerts", token: campaigner, testCase.body)
            #expect(status == testCase.status)
            #expect(body.contains(testCase.mentions), "\(body)")
        }
        #expect(try await app.services.store.alerts(campaignID: 1).isEmpty)
    }

    @Test func unknownCampaignsAndAlertsAre404() async throws {
        let app = try await TestApp()
        let campaigner = try await app.token(.campaigner)
        try await app.application.test(.router) { client in
            do {
                let result = try await self.post(client, "/v1/campaigns/nope/alerts", token: campaigner, Self.weekly)
                #expect(result.0 == .notFound)
            }
            do {
                let result = try await self.get(client, "/v1/alerts/42", token: campaigner)
                #expect(result.0 == .notFound)
            }
        }
    }

    @Test func theRoleMatrixHolds() async throws {
        let app = try await TestApp()
        var tokens: [Role: String] = [:]
        for role in Role.allCases { tokens[role] = try await app.token(role, name: role.rawValue) }
        let all = tokens
        try await app.application.test(.router) { client in
            do {
                let result = try await self.post(client, "/v1/campaigns/rights/alerts", token: nil, Self.weekly)
                #expect(result.0 == .unauthorized)
            }
            for (role, expected) in [(Role.intake, HTTPResponse.Status.forbidden), (.compliance, .forbidden), (.campaigner, .created), (.admin, .created)] {
                do {
                    let result = try await self.post(client, "/v1/campaigns/rights/alerts", token: all[role], Self.weekly)
                    #expect(result.0 == expected, "\(role)")
                }
            }
            for (role, expected) in [(Role.intake, HTTPResponse.Status.forbidden), (.compliance, .ok), (.campaigner, .ok), (.admin, .ok)] {
                do {
                    let result = try await self.get(client, "/v1/alerts/1", token: all[role])
                    #expect(result.0 == expected, "\(role)")
                }
                do {
                    let result = try await self.get(client, "/v1/alerts/1/preview", token: all[role])
                    #expect(result.0 == expected, "\(role)")
                }
            }
            for (role, expected) in [(Role.intake, HTTPResponse.Status.forbidden), (.compliance, .forbidden), (.campaigner, .ok)] {
                do {
                    let result = try await self.post(client, "/v1/alerts/1/pause", token: all[role])
                    #expect(result.0 == expected, "\(role)")
                }
            }
        }
    }
}

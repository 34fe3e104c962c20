import Foundation
import Testing
import TocsinCore

struct SubscriberImportColumnsTests {
    static let header = ["phone", "first_name", "language", "consented_at", "source", "disclosure", "source_url", "ip", "user_agent"]
    let rules = SubscriberImportRules(
        defaultRegion: "US", languages: ["en", "fr"], now: Date(timeIntervalSince1970: 1_800_000_000)
    )

    func fields(_ changes: [String: String] = [:]) -> [String] {
        let base = [
            "phone": "(212) 555-0101", "first_name": "Ana", "language": "EN", "consented_at": "2024-05-01T18:30:00Z",
            "source": "paper form 2024", "disclosure": "Yes, text me. Up to 4 msgs/month.",
            "source_url": "https://example.org/form", "ip": "203.0.113.7", "user_agent": "Mozilla/5.0",
        ].merging(changes) { $1 }
        return Self.header.map { base[$0]! }
    }

    func reason(_ changes: [String: String]) throws -> String? {
        let columns = try SubscriberImportColumns(header: Self.header)
        do {
            _ = try columns.row(self.fields(changes), line: 7, rules: self.rules)
            return nil
        } catch {
            #expect(error.line == 7)
            return error.reason
        }
    }

    @Test func aValidRowIsReadWithItsEvidence() throws {
        let columns = try SubscriberImportColumns(header: Self.header)
        let row = try columns.row(self.fields(), line: 2, rules: self.rules)
        #expect(row.phone.e164 == "+12125550101")
        #expect(row.language == "en")
        #expect(row.firstName == "Ana")
        #expect(row.consentedAt == Date(timeIntervalSince1970: 1_714_588_200))
        #expect(row.source == "paper form 2024")
        #expect(row.sourceURL == "https://example.org/form")
        #expect(row.ip == "203.0.113.7")
        #expect(row.userAgent == "Mozilla/5.0")
    }

    @Test func headerNamesAreMatchedInAnyOrderAndCase() throws {
        let columns = try SubscriberImportColumns(header: [" Disclosure", "SOURCE", "notes", "Consented_At", "Phone "])
        #expect(columns.ignored == ["notes"])
        let row = try columns.row(["I agree", "tabling", "x", "2024-01-01", "+44 7911 123456"], line: 2, rules: self.rules)
        #expect(row.phone.e164 == "+447911123456")
        #expect(row.language == nil && row.firstName == nil)
    }

    @Test(arguments: [
        (["first_name", "consented_at", "source", "disclosure"], "no phone column"),
        (["phone", "source"], "no consented_at, disclosure columns"),
        (["phone", "phone", "consented_at", "source", "disclosure"], "names column phone twice"),
    ])
    func unusableHeadersAreErrors(header: [String], message: String) {
        #expect {
            try SubscriberImportColumns(header: header)
        } throws: { error in
            (error as? SubscriberImportError)?.message.contains(message) == true
        }
    }

    @Test(arguments: [
        (["phone": ""], "phone is empty"),
        (["phone": "555-0101"], "phone: "),
        (["phone": "not a number"], "phone: "),
        (["consented_at": ""], "consented_at is empty"),
        (["consented_at": "01/05/2024"], "is not an ISO 8601 date"),
        (["consented_at": "2024-05-01T18:30:00"], "no UTC offset"),
        (["consented_at": "2030-01-01T00:00:00Z"], "is in the future"),
        (["source": " "], "source is empty"),
        (["disclosure": ""], "disclosure is empty"),
        (["language": "de"], "language 'de' is not one of the campaign's languages (en, fr)"),
        (["source_url": "petition site"], "source_url must be an http or https URL"),
        (["ip": "999.1.1.1"], "is not an IPv4 or IPv6 address"),
        (["first_name": String(repeating: "x", count: 101)], "first_name is longer than 100 characters"),
    ])
    func badRowsAreRejectedWithAReason(changes: [String: String], expected: String) throws {
        let reason = try #require(try self.reason(changes))
        #expect(reason.contains(expected), "\(reason)")
    }

    @Test func aPhoneReasonNeverHoldsTheNumber() throws {
        let reason = try #require(try self.reason(["phone": "+1 212 555 01"]))
        #expect(!reason.contains("212"))
    }

    @Test func ipv6AndEmptyOptionalFieldsAreFine() throws {
        #expect(try self.reason(["ip": "2001:db8::1", "source_url": "", "user_agent": "", "first_name": ""]) == nil)
    }

    @Test func aRowWithTheWrongNumberOfFieldsIsRejected() throws {
        let columns = try SubscriberImportColumns(header: Self.header)
        #expect(throws: SubscriberImportRejection.self) {
            try columns.row(Array(self.fields().dropLast()), line: 3, rules: self.rules)
        }
        #expect(columns.isBlank(["", " ", ""]))
        #expect(!columns.isBlank(["", "x"]))
    }
}

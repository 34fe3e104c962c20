import Foundation
import Testing
import TocsinCore

struct RecurrenceRuleTests {
    struct ValidCase: Sendable, CustomTestStringConvertible {
        let input: String
        let canonical: String
        var testDescription: String { self.input }
    }

    static let validCases: [ValidCase] = [
        .init(input: "FREQ=DAILY", canonical: "FREQ=DAILY"),
        .init(input: "RRULE:FREQ=WEEKLY;BYDAY=MO", canonical: "FREQ=WEEKLY;BYDAY=MO"),
        .init(input: "rrule:freq=weekly;byday=fr,mo,we", canonical: "FREQ=WEEKLY;BYDAY=MO,WE,FR"),
        .init(input: " FREQ=DAILY ; INTERVAL=1 ; ", canonical: "FREQ=DAILY"),
        .init(input: "FREQ=DAILY;;COUNT=3", canonical: "FREQ=DAILY;COUNT=3"),
        .init(input: "BYHOUR=17,9,9;FREQ=DAILY;BYMINUTE=30,0", canonical: "FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0,30"),
        .init(input: "FREQ=MONTHLY;BYDAY=+1MO,-1FR", canonical: "FREQ=MONTHLY;BYDAY=1MO,-1FR"),
        .init(input: "FREQ=MONTHLY;BYDAY=-2WE,2TU,TU", canonical: "FREQ=MONTHLY;BYDAY=TU,2TU,-2WE"),
        .init(input: "FREQ=MONTHLY;BYMONTHDAY=31,-1,+1,15", canonical: "FREQ=MONTHLY;BYMONTHDAY=-1,1,15,31"),
        .init(input: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", canonical: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"),
        .init(input: "FREQ=WEEKLY;WKST=MO", canonical: "FREQ=WEEKLY"),
        .init(input: "FREQ=DAILY;UNTIL=20261231T235959Z", canonical: "FREQ=DAILY;UNTIL=20261231T235959Z"),
        .init(input: "FREQ=DAILY;UNTIL=20280229", canonical: "FREQ=DAILY;UNTIL=20280229"),
        .init(input: "FREQ=DAILY;INTERVAL=10000;COUNT=2147483647", canonical: "FREQ=DAILY;INTERVAL=10000;COUNT=2147483647"),
        .init(input: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYMONTHDAY=13", canonical: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYMONTHDAY=13"),
    ]

    @Test(arguments: Self.validCases)
    func parsesToCanonicalText(_ valid: ValidCase) throws {
        let rule = try RecurrenceRule(parsing: valid.input)
        #expect(rule.description == valid.canonical)
        #expect(try RecurrenceRule(parsing: rule.description) == rule)
    }

    @Test func exposesTheParsedParts() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR;BYHOUR=18;BYMINUTE=5;COUNT=7")
        #expect(rule.frequency == .monthly)
        #expect(rule.interval == 3)
        #expect(rule.byDay.map(\.weekday) == [.friday])
        #expect(rule.byDay.map(\.ordinal) == [-1])
        #expect(rule.byHour == [18])
        #expect(rule.byMinute == [5])
        #expect(rule.count == 7)
        #expect(rule.until == nil)
        #expect(rule.weekStart == .monday)
        let until = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20261231T120000Z").until
        #expect(until == .instant(try LocalDateTime(year: 2026, month: 12, day: 31, hour: 12)))
        #expect(try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20261231").until == .date(try LocalDateTime(year: 2026, month: 12, day: 31)))
    }

    @Test func equalMeaningGivesEqualRules() throws {
        #expect(try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=WE,MO") == RecurrenceRule(parsing: "RRULE:byday=MO,WE,MO;freq=WEEKLY;interval=1"))
        #expect(try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO") != RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO;WKST=SU"))
    }

    @Test func codableUsesTheCanonicalText() throws {
        let rule = try RecurrenceRule(parsing: "RRULE:FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=18")
        let json = String(decoding: try JSONEncoder().encode([rule]), as: UTF8.self)
        #expect(json == #"["FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=18"]"#)
        #expect(try JSONDecoder().decode([RecurrenceRule].self, from: Data(json.utf8)) == [rule])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([RecurrenceRule].self, from: Data(#"["FREQ=YEARLY"]"#.utf8))
        }
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let input: String
        let code: RecurrenceError.Code
        var testDescription: String { "\(self.input) → \(self.code)" }
    }

    static let errorCases: [ErrorCase] = [
        .init(input: "", code: .malformed),
        .init(input: "RRULE:", code: .malformed),
        .init(input: " ; ", code: .malformed),
        .init(input: "FREQ", code: .malformed),
        .init(input: "FREQ=", code: .malformed),
        .init(input: "FREQ=DAILY;INTERVAL=", code: .malformed),
        .init(input: "COUNT=3", code: .missingFrequency),
        .init(input: "BYDAY=MO;INTERVAL=2", code: .missingFrequency),
        .init(input: "FREQ=YEARLY", code: .unsupportedFrequency),
        .init(input: "FREQ=HOURLY", code: .unsupportedFrequency),
        .init(input: "FREQ=MINUTELY", code: .unsupportedFrequency),
        .init(input: "FREQ=SECONDLY", code: .unsupportedFrequency),
        .init(input: "FREQ=FORTNIGHTLY", code: .invalidValue),
        .init(input: "FREQ=DAILY;FOO=1", code: .unknownPart),
        .init(input: "FREQ=DAILY;X-TOCSIN=1", code: .unknownPart),
        .init(input: "FREQ=DAILY;DTSTART=20260101T000000Z", code: .unknownPart),
        .init(input: "FREQ=MONTHLY;BYSETPOS=-1", code: .unsupportedPart),
        .init(input: "FREQ=DAILY;BYMONTH=1", code: .unsupportedPart),
        .init(input: "FREQ=DAILY;BYSECOND=0", code: .unsupportedPart),
        .init(input: "FREQ=DAILY;BYWEEKNO=1", code: .unsupportedPart),
        .init(input: "FREQ=DAILY;BYYEARDAY=1", code: .unsupportedPart),
        .init(input: "FREQ=DAILY;FREQ=WEEKLY", code: .duplicatePart),
        .init(input: "FREQ=DAILY;COUNT=3;count=4", code: .duplicatePart),
        .init(input: "FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z", code: .countWithUntil),
        .init(input: "FREQ=DAILY;UNTIL=20261231;COUNT=3", code: .countWithUntil),
        .init(input: "FREQ=DAILY;COUNT=abc", code: .invalidNumber),
        .init(input: "FREQ=DAILY;COUNT=1.5", code: .invalidNumber),
        .init(input: "FREQ=DAILY;COUNT=-1", code: .invalidNumber),
        .init(input: "FREQ=DAILY;COUNT=+1", code: .invalidNumber),
        .init(input: "FREQ=DAILY;COUNT=0", code: .outOfRange),
        .init(input: "FREQ=DAILY;COUNT=2147483648", code: .outOfRange),
        .init(input: "FREQ=DAILY;INTERVAL=0", code: .outOfRange),
        .init(input: "FREQ=DAILY;INTERVAL=10001", code: .outOfRange),
        .init(input: "FREQ=DAILY;INTERVAL=99999999999999999999999999", code: .outOfRange),
        .init(input: "FREQ=DAILY;INTERVAL=two", code: .invalidNumber),
        .init(input: "FREQ=DAILY;BYHOUR=24", code: .outOfRange),
        .init(input: "FREQ=DAILY;BYHOUR=9,,17", code: .invalidNumber),
        .init(input: "FREQ=DAILY;BYHOUR=9,", code: .invalidNumber),
        .init(input: "FREQ=DAILY;BYMINUTE=60", code: .outOfRange),
        .init(input: "FREQ=DAILY;BYMINUTE=-5", code: .invalidNumber),
        .init(input: "FREQ=MONTHLY;BYMONTHDAY=0", code: .outOfRange),
        .init(input: "FREQ=MONTHLY;BYMONTHDAY=32", code: .outOfRange),
        .init(input: "FREQ=MONTHLY;BYMONTHDAY=-32", code: .outOfRange),
        .init(input: "FREQ=MONTHLY;BYMONTHDAY=1st", code: .invalidNumber),
        .init(input: "FREQ=WEEKLY;BYMONTHDAY=1", code: .partNotAllowed),
        .init(input: "FREQ=WEEKLY;BYDAY=1MO", code: .ordinalNotAllowed),
        .init(input: "FREQ=DAILY;BYDAY=-1FR", code: .ordinalNotAllowed),
        .init(input: "BYDAY=MO,2TU;FREQ=WEEKLY", code: .ordinalNotAllowed),
        .init(input: "FREQ=MONTHLY;BYDAY=0MO", code: .outOfRange),
        .init(input: "FREQ=MONTHLY;BYDAY=6MO", code: .outOfRange),
        .init(input: "FREQ=MONTHLY;BYDAY=-6MO", code: .outOfRange),
        .init(input: "FREQ=MONTHLY;BYDAY=XMO", code: .invalidNumber),
        .init(input: "FREQ=WEEKLY;BYDAY=MONDAY", code: .invalidValue),
        .init(input: "FREQ=WEEKLY;BYDAY=M", code: .invalidValue),
        .init(input: "FREQ=WEEKLY;BYDAY=MO,", code: .invalidValue),
        .init(input: "FREQ=WEEKLY;WKST=TU", code: .invalidValue),
        .init(input: "FREQ=WEEKLY;WKST=1", code: .invalidValue),
        .init(input: "FREQ=DAILY;UNTIL=2026-12-31", code: .invalidUntil),
        .init(input: "FREQ=DAILY;UNTIL=20261231T235959", code: .invalidUntil),
        .init(input: "FREQ=DAILY;UNTIL=20261231T2359Z", code: .invalidUntil),
        .init(input: "FREQ=DAILY;UNTIL=20260230", code: .invalidUntil),
        .init(input: "FREQ=DAILY;UNTIL=20261231T245959Z", code: .invalidUntil),
        .init(input: "FREQ=DAILY;UNTIL=tomorrow", code: .invalidUntil),
    ]

    @Test(arguments: Self.errorCases)
    func rejects(_ bad: ErrorCase) {
        do {
            let rule = try RecurrenceRule(parsing: bad.input)
            Issue.record("parsed '\(bad.input)' as \(rule)")
        } catch {
            #expect(error.code == bad.code, "\(error)")
            #expect(error.description.count > 20)
        }
    }

    @Test(arguments: [
        ("FREQ=DAILY;FOO=1", ["FOO", "Supported parts are FREQ"]),
        ("FREQ=YEARLY", ["YEARLY", "DAILY, WEEKLY or MONTHLY"]),
        ("FREQ=DAILY;COUNT=2;UNTIL=20260101", ["COUNT", "UNTIL"]),
        ("FREQ=WEEKLY;BYDAY=1MO", ["1MO", "FREQ=MONTHLY", "BYDAY=MO"]),
        ("FREQ=DAILY;BYHOUR=25", ["BYHOUR", "0...23"]),
        ("FREQ=DAILY;UNTIL=20261231T235959", ["add 'Z'"]),
        ("FREQ=WEEKLY;WKST=TH", ["WKST=MO", "WKST=SU"]),
        ("INTERVAL=2", ["FREQ=DAILY"]),
    ])
    func messagesSayWhatToFix(input: String, fragments: [String]) {
        do {
            _ = try RecurrenceRule(parsing: input)
            Issue.record("expected an error for \(input)")
        } catch {
            for fragment in fragments { #expect(error.description.contains(fragment), "\(error)") }
        }
    }

    @Test func errorCodesHaveStableNames() {
        #expect(RecurrenceError.Code.countWithUntil.description == "count_with_until")
        #expect(RecurrenceError.Code.untilBeforeStart.description == "until_before_start")
        #expect(RecurrenceError.Code.unknownTimeZone != RecurrenceError.Code.invalidDateTime)
    }
}

import Foundation
import Testing
import TocsinCore

struct ISO8601TimestampTests {
    @Test(arguments: [
        ("2024-05-01", 1_714_521_600.0),
        ("2024-05-01T18:30:00Z", 1_714_588_200.0),
        ("2024-05-01 18:30:00Z", 1_714_588_200.0),
        ("2024-05-01T18:30Z", 1_714_588_200.0),
        ("2024-05-01T20:30:00+02:00", 1_714_588_200.0),
        ("2024-05-01T13:30:00-0500", 1_714_588_200.0),
        ("2024-05-02T03:30:00+09", 1_714_588_200.0),
        ("2024-05-01T18:30:00.250Z", 1_714_588_200.25),
        ("  2024-02-29T00:00:00z ", 1_709_164_800.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2000-03-01", 951_868_800.0),
    ])
    func readsInstants(text: String, seconds: Double) throws {
        let date = try ISO8601Timestamp.parse(text).get()
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.0001)
    }

    @Test func formatsAsFoundationDoes() {
        // Every 37th day over four centuries at varied times of day, fractions of a second and instants
        // before 1970 included.
        for day in stride(from: -50_000, to: 100_000, by: 37) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400 + Double((day * 7919) % 86_400) + 0.75)
            #expect(ISO8601Timestamp.format(date) == date.formatted(.iso8601), "\(date.timeIntervalSince1970)")
        }
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 1_714_588_200)) == "2024-05-01T18:30:00Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        // The byte form appends the same text after what the buffer holds.
        var bytes = Array("at ".utf8)
        ISO8601Timestamp.append(Date(timeIntervalSince1970: 1_714_588_200), to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "at 2024-05-01T18:30:00Z")
    }

    @Test func agreesWithFoundationOverManyDays() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        // Every 37th day over four centuries, leap days and century years included.
        for day in stride(from: -50_000, to: 100_000, by: 37) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400)
            let text = formatter.string(from: date)
            #expect(try ISO8601Timestamp.parse(text).get() == date, "\(text)")
        }
    }

    @Test(arguments: [
        ("2024-05-01T18:30:00", ISO8601Timestamp.Problem.missingOffset),
        ("2024-02-30", .noSuchDate),
        ("2023-02-29", .noSuchDate),
        ("2024-13-01", .noSuchDate),
        ("2024-05-01T24:00:00Z", .noSuchTime),
        ("2024-05-01T18:60Z", .noSuchTime),
        ("01/05/2024", .format),
        ("2024-5-1", .format),
        ("yesterday", .format),
        ("", .format),
        ("2024-05-01T18:30:00Zjunk", .format),
        ("2024-05-01T18:30:00+2", .format),
    ])
    func refusesWhatIsNotAnInstant(text: String, problem: ISO8601Timestamp.Problem) {
        #expect(throws: problem) { try ISO8601Timestamp.parse(text).get() }
    }

    @Test func problemsSayWhatToFix() {
        #expect(ISO8601Timestamp.Problem.missingOffset.description.contains("add Z or +hh:mm"))
        #expect(ISO8601Timestamp.Problem.format.description.contains("2024-05-01T18:30:00Z"))
    }
}

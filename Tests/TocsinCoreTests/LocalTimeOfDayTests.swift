import Foundation
import Testing
import TocsinCore

struct LocalTimeOfDayTests {
    @Test(arguments: [("18:00", 18, 0), ("09:30", 9, 30), ("00:00", 0, 0), ("23:59", 23, 59)])
    func parses(text: String, hour: Int, minute: Int) throws {
        let time = try LocalTimeOfDay(parsing: text)
        #expect(time.hour == hour && time.minute == minute)
        #expect(time.description == text)
    }

    @Test(arguments: ["", "18", "18:0", "9:30", "24:00", "23:60", "18:00:00", "ab:cd", "-1:00", "18h00"])
    func rejects(text: String) {
        do {
            _ = try LocalTimeOfDay(parsing: text)
            Issue.record("accepted '\(text)'")
        } catch {
            #expect(error.code == .invalidDateTime)
            #expect(error.description.contains("HH:MM") || error.description.contains("0...23"))
        }
    }

    @Test func ordersAndEncodesAsText() throws {
        let early = try LocalTimeOfDay(hour: 9, minute: 5)
        let late = try LocalTimeOfDay(hour: 18, minute: 0)
        #expect(early < late)
        let json = String(decoding: try JSONEncoder().encode([early, late]), as: UTF8.self)
        #expect(json == #"["09:05","18:00"]"#)
        #expect(try JSONDecoder().decode([LocalTimeOfDay].self, from: Data(json.utf8)) == [early, late])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalTimeOfDay].self, from: Data(#"["25:00"]"#.utf8)) }
    }
}

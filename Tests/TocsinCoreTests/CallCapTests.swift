import Foundation
import Testing
import TocsinCore

struct CallCapTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let day: TimeInterval = 86_400

    @Test func defaultIsThreeCallsPerThirtyDays() {
        #expect(CallCap().maxCalls == 3)
        #expect(CallCap().window == 30 * self.day)
    }

    @Test func allowsUnderTheCap() {
        let calls = [self.now.addingTimeInterval(-1 * self.day), self.now.addingTimeInterval(-2 * self.day)]
        #expect(CallCap().freesAt(recentCalls: calls, now: self.now) == nil)
    }

    @Test func defersUntilTheOldestCallLeavesTheWindow() {
        let oldest = self.now.addingTimeInterval(-20 * self.day)
        let calls = [self.now.addingTimeInterval(-1 * self.day), oldest, self.now.addingTimeInterval(-5 * self.day)]
        #expect(CallCap().freesAt(recentCalls: calls, now: self.now) == oldest.addingTimeInterval(30 * self.day))
    }

    @Test func callsOutsideTheWindowDoNotCount() {
        let calls = [-31.0, -40, -2, -3].map { self.now.addingTimeInterval($0 * self.day) }
        #expect(CallCap().freesAt(recentCalls: calls, now: self.now) == nil)
        #expect(CallCap(maxCalls: 2).freesAt(recentCalls: calls, now: self.now) == self.now.addingTimeInterval(27 * self.day))
    }
}

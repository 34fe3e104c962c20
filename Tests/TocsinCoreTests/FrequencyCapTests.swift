import Testing
import TocsinCore

struct FrequencyCapTests {
    @Test(arguments: [
        ("Up to 4 msgs/month", 4 as Int?),
        ("2 messages per week", 8),
        ("1 msg/day", 30),
        ("Jusqu'à 4 messages par mois", 4),
        ("Msg frequency varies", nil),
        ("Up to 10 msgs", nil),
        ("", nil),
    ])
    func parses(text: String, expected: Int?) {
        #expect(FrequencyCap.perThirtyDays(text) == expected)
    }
}

import Testing
import TocsinCore

struct VoiceMenuTests {
    @Test(arguments: [
        ("9", 1, true, VoiceMenu.Action.optOut), ("9", 2, false, .optOut), ("1", 1, true, .connect), ("1", 2, true, .connect),
        ("1", 1, false, .repeatMenu(attempt: 2)), ("", 1, true, .repeatMenu(attempt: 2)), ("5", 1, true, .repeatMenu(attempt: 2)),
        ("#", 1, true, .repeatMenu(attempt: 2)), ("", 2, true, .goodbye), ("7", 2, true, .goodbye), ("1", 2, false, .goodbye),
        ("99", 1, true, .repeatMenu(attempt: 2)), ("", 7, true, .goodbye),
    ])
    func decides(_ digits: String, _ attempt: Int, _ hasTarget: Bool, _ expected: VoiceMenu.Action) {
        #expect(VoiceMenu.next(digits: digits, attempt: attempt, hasTarget: hasTarget) == expected)
    }
}

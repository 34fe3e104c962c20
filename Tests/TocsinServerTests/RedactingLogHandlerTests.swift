import Foundation
import Logging
import Synchronization
import Testing
import TocsinServer

/// Collects log lines for assertions.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { self.lines.withLock { $0 } }
    var sink: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }
}

struct RedactingLogHandlerTests {
    @Test(arguments: [LogOptions.Format.text, .json])
    func numbersAreMaskedAboveDebugInMessagesAndMetadata(format: LogOptions.Format) {
        let lines = LogLines()
        let logger = LogOptions(level: .trace, format: format).makeLogger(sink: lines.sink)
        logger.info("inbound from +14155550101", metadata: ["from": "+14155550101", "nested": ["to": "+442079460958"]])
        logger.warning("carrier said: The 'To' number +14155550101 is not valid")
        logger.debug("debug keeps +14155550101 for local troubleshooting")
        let all = lines.all
        #expect(all.count == 3)
        #expect(!all[0].contains("4155550101") && !all[0].contains("2079460958"))
        #expect(all[0].contains("01"))
        #expect(!all[1].contains("4155550101"))
        #expect(all[2].contains("+14155550101"))
    }

    @Test func theLevelIsHonoured() {
        let lines = LogLines()
        let logger = LogOptions(level: .warning, format: .text).makeLogger(sink: lines.sink)
        logger.info("hidden")
        logger.error("shown")
        #expect(lines.all.count == 1)
        #expect(lines.all.first?.contains("shown") == true)
    }
}

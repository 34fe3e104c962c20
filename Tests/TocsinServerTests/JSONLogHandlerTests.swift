import Foundation
import Logging
import Testing
import TocsinServer

struct JSONLogHandlerTests {
    @Test func eachEventIsOneJSONObjectPerLine() throws {
        let lines = LogLines()
        var logger = Logger(label: "tocsin") { label in JSONLogHandler(label: label, sink: lines.sink) }
        logger[metadataKey: "request_id"] = "req-1"
        logger.notice("dispatch \"paused\"\nby admin", metadata: ["campaign": "rights", "count": "3", "list": ["a", "b"]])
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("}\n"))
        #expect(line.dropLast().contains("\n") == false)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(json["level"] as? String == "notice")
        #expect(json["label"] as? String == "tocsin")
        #expect(json["message"] as? String == "dispatch \"paused\"\nby admin")
        let metadata = try #require(json["metadata"] as? [String: Any])
        #expect(metadata["request_id"] as? String == "req-1")
        #expect(metadata["campaign"] as? String == "rights")
        #expect(metadata["list"] as? [String] == ["a", "b"])
        #expect((json["ts"] as? String)?.hasSuffix("Z") == true)
    }
}

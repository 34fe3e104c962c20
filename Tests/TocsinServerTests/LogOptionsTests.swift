import Testing
import TocsinServer

struct LogOptionsTests {
    @Test(arguments: [("info", "text", true), ("DEBUG", "json", true), ("loud", "text", false), ("info", "xml", false)])
    func levelsAndFormatsAreChecked(level: String, format: String, valid: Bool) {
        #expect((try? LogOptions(level: level, format: format)) != nil ? valid : !valid)
    }

    @Test func theErrorListsTheAcceptedLevels() {
        #expect(throws: ConfigError.self) { try LogOptions(level: "loud", format: "text") }
        do {
            _ = try LogOptions(level: "loud", format: "text")
        } catch {
            #expect(error.message.contains("trace") && error.message.contains("critical"))
        }
    }

    @Test func theConfigurationReadsLogKeysAndTheGracePeriod() throws {
        var values = ConfigValues()
        values.set("log.level", "warning")
        values.set("log.format", "json")
        values.set("server.shutdown_grace_seconds", "12")
        let config = try TocsinConfig(values)
        #expect(config.log == LogOptions(level: .warning, format: .json))
        #expect(config.shutdownGraceSeconds == 12)
        values.set("server.shutdown_grace_seconds", "0")
        #expect(throws: ConfigError.self) { try TocsinConfig(values) }
    }
}

import Foundation
import Testing
import TocsinCore
import TocsinServer

struct TocsinConfigDispatchTests {
    func config(_ pairs: [String: String]) throws(ConfigError) -> TocsinConfig {
        var values = ConfigValues()
        for (key, value) in pairs { values.set(key, value) }
        return try TocsinConfig(values)
    }

    @Test func theHeartbeatDefaultsToTwoSeconds() throws {
        #expect(try self.config([:]).dispatch.heartbeatInterval == .seconds(2))
    }

    @Test func theHeartbeatComesFromTheFileThenTheEnvironment() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-heartbeat-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("tocsin.yaml").path
        try "dispatch: {heartbeat_seconds: 5}\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try TocsinConfig.load(file: file, environment: [:], flags: [:]).dispatch.heartbeatInterval == .seconds(5))
        let overridden = try TocsinConfig.load(file: file, environment: ["TOCSIN_DISPATCH_HEARTBEAT_SECONDS": "7"], flags: [:])
        #expect(overridden.dispatch.heartbeatInterval == .seconds(7))
    }

    @Test(arguments: ["0", "61", "-2", "two"])
    func aHeartbeatOutsideOneToSixtySecondsIsRefused(_ value: String) {
        do {
            _ = try self.config(["dispatch.heartbeat_seconds": value])
            Issue.record("dispatch.heartbeat_seconds=\(value) was accepted")
        } catch {
            #expect(error.description.contains("dispatch.heartbeat_seconds"), "\(error)")
        }
    }
}

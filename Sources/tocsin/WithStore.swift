import Foundation
import Logging
import TocsinCore
import TocsinServer

/// Loads the configuration of `options` and runs `body` with its store, open and migrated (on PostgreSQL
/// the client runs for the duration of `body`, then shuts down). A configuration problem or an unreachable
/// database ends the command with a one-line error; errors of `body` are rethrown as they are.
func withStore<Result: Sendable>(
    _ options: ConfigOptions, _ body: (TocsinConfig, any ServerStore) async throws -> Result
) async throws -> Result {
    let config: TocsinConfig
    do {
        config = try TocsinConfig.load(file: options.config, environment: ProcessInfo.processInfo.environment, flags: options.flags)
    } catch {
        fail("\(error)")
    }
    // The commands print their results on standard output: the driver only reports errors.
    var logger = Logger(label: "tocsin.cli")
    logger.logLevel = .error
    do {
        return try await config.withServerStore(logger: logger) { store in
            do { return try await body(config, store) } catch { throw CommandError(underlying: error) }
        }
    } catch let error as CommandError {
        throw error.underlying
    } catch let error as StoreError where TocsinConfig.isPostgresURL(config.databasePath) {
        fail(error.message)
    } catch {
        fail("\(error)")
    }
}

/// An error of the command itself, told apart from a failure to open the store.
private struct CommandError: Error {
    let underlying: any Error
}

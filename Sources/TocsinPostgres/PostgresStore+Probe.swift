import Foundation
import Logging
import PostgresNIO
import TocsinCore

extension PostgresStore {
    /// Opens and closes one connection, so a wrong address or credentials are reported at once (the pool
    /// itself retries a failing server for about a minute before giving up).
    ///
    /// - Throws: ``StoreError`` `unavailable` naming the server (never the password) and the reason.
    public func probe() async throws {
        var configuration = PostgresConnection.Configuration(
            host: self.url.host, port: self.url.port, username: self.url.user, password: self.url.password,
            database: self.url.database, tls: .disable
        )
        configuration.options.connectTimeout = .seconds(10)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: self.logger)
            try await connection.close()
        } catch let error as PSQLError {
            let reason = error.serverInfo?[.message] ?? error.underlying.map { "\($0)" } ?? "\(error.code)"
            throw StoreError(.unavailable, "cannot connect to PostgreSQL at \(self.url): \(reason)")
        }
    }
}

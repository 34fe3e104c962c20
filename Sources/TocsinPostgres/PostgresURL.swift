import Foundation
import PostgresNIO
import TocsinCore

/// A `postgres://user[:password]@host[:port]/database` URL, parsed into a client configuration.
///
/// The password is kept only in the configuration; ``description`` never shows it.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

    /// Parses `text`.
    ///
    /// - Throws: ``StoreError`` `invalid` saying which part is missing or wrong (the password is never quoted).
    public init(_ text: String) throws {
        func invalid(_ why: String) -> StoreError {
            StoreError(.invalid, "invalid PostgreSQL URL (\(why)); expected postgres://user[:password]@host[:port]/database")
        }
        guard let components = URLComponents(string: text) else { throw invalid("not a URL") }
        guard let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql" else {
            throw invalid("the scheme must be postgres://")
        }
        guard let host = components.host, !host.isEmpty else { throw invalid("no host") }
        guard let user = components.user?.removingPercentEncoding, !user.isEmpty else { throw invalid("no user") }
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding ?? ""
        guard !database.isEmpty, !database.contains("/") else { throw invalid("no database name after the host") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw invalid("port \(port) is out of range") }
        if let query = components.query, !query.isEmpty { throw invalid("query parameters are not supported") }
        self.host = host
        self.port = port
        self.user = user
        self.password = components.password?.removingPercentEncoding
        self.database = database
    }

    /// The URL without its password.
    public var description: String {
        "postgres://\(self.user)\(self.password == nil ? "" : ":***")@\(self.host):\(self.port)/\(self.database)"
    }

    /// The same server and credentials, another database.
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The client configuration (plain TCP: the servers this targets are on loopback or a private network).
    public var configuration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: self.host, port: self.port, username: self.user, password: self.password, database: self.database,
            tls: .disable
        )
        configuration.options.maximumConnections = 8
        return configuration
    }
}

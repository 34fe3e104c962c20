import Foundation
import PostgresNIO
import TocsinCore

/// A `postgres://user[:password]@host[:port]/database[?sslmode=…&sslrootcert=…]` URL, parsed into a client
/// configuration.
///
/// The password is kept only in the configuration; ``description`` never shows it.
public struct PostgresURL: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// TLS to the server, with libpq's names and meanings (default `prefer`).
    public var sslMode: SSLMode = .prefer
    /// A PEM file of the certificate authorities to trust (`sslrootcert`); nil: the system's.
    public var sslRootCertificate: String?

    /// libpq's `sslmode` values (`allow` is not offered: it means plain first, TLS only if refused).
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, else plain; the certificate is not checked (libpq's default).
        case prefer
        /// TLS, or no connection; the certificate is not checked.
        case require
        /// TLS with a certificate signed by a trusted authority; the host name is not checked.
        case verifyCA = "verify-ca"
        /// TLS with a trusted certificate issued for this host name.
        case verifyFull = "verify-full"
    }

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
        var sslMode = SSLMode.prefer
        var sslRootCertificate: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw invalid("sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sslMode = mode
            case "sslrootcert":
                guard let path = item.value, !path.isEmpty else { throw invalid("sslrootcert needs a file path") }
                sslRootCertificate = path
            default:
                throw invalid("unsupported parameter \(item.name) (supported: sslmode, sslrootcert)")
            }
        }
        self.host = host
        self.port = port
        self.user = user
        self.password = components.password?.removingPercentEncoding
        self.database = database
        self.sslMode = sslMode
        self.sslRootCertificate = sslRootCertificate
    }

    /// The URL without its password.
    public var description: String {
        let base = "postgres://\(self.user)\(self.password == nil ? "" : ":***")@\(self.host):\(self.port)/\(self.database)"
        var parameters: [String] = []
        if self.sslMode != .prefer { parameters.append("sslmode=\(self.sslMode.rawValue)") }
        if let root = self.sslRootCertificate { parameters.append("sslrootcert=\(root)") }
        return parameters.isEmpty ? base : base + "?" + parameters.joined(separator: "&")
    }

    /// The same server and credentials, another database.
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The client configuration, with TLS as `sslmode` says.
    public var configuration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: self.host, port: self.port, username: self.user, password: self.password, database: self.database,
            tls: self.tls
        )
        configuration.options.maximumConnections = 8
        return configuration
    }

    /// The TLS settings of ``sslMode`` (nil: plain TCP): `prefer` and `require` encrypt without checking the
    /// certificate (as libpq does), `verify-ca` checks the authority, `verify-full` the authority and the host name.
    var tlsSettings: TLSConfiguration? {
        var settings = TLSConfiguration.makeClientConfiguration()
        if let root = self.sslRootCertificate { settings.trustRoots = .file(root) }
        switch self.sslMode {
        case .disable: return nil
        case .prefer, .require: settings.certificateVerification = .none
        case .verifyCA: settings.certificateVerification = .noHostnameVerification
        case .verifyFull: settings.certificateVerification = .fullVerification
        }
        return settings
    }

    /// The client's TLS: `prefer` falls back to plain TCP when the server has no TLS; the others insist.
    var tls: PostgresClient.Configuration.TLS {
        guard let settings = self.tlsSettings else { return .disable }
        return self.sslMode == .prefer ? .prefer(settings) : .require(settings)
    }
}

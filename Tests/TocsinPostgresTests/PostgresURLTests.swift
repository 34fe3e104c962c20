import PostgresNIO
import Testing
import TocsinCore
@testable import TocsinPostgres

struct PostgresURLTests {
    @Test func aFullURLIsParsed() throws {
        let url = try PostgresURL("postgres://tocsin:s%40cret@db.internal:6543/alerts")
        #expect(url.user == "tocsin" && url.password == "s@cret")
        #expect(url.host == "db.internal" && url.port == 6543 && url.database == "alerts")
        #expect(url.description == "postgres://tocsin:***@db.internal:6543/alerts")
        #expect(!url.description.contains("cret"))
    }

    @Test func thePortDefaultsTo5432() throws {
        let url = try PostgresURL("postgresql://me@127.0.0.1/tocsin_test")
        #expect(url.port == 5432 && url.password == nil)
        #expect(url.with(database: "other").description == "postgres://me@127.0.0.1:5432/other")
    }

    @Test(arguments: [
        ("mysql://u@h/db", "scheme"),
        ("postgres://h/db", "no user"),
        ("postgres://u@h", "no database"),
        ("postgres://u@h/", "no database"),
        ("postgres://u:secret@h:99999/db", "port"),
        ("postgres://u@h/db?sslmode=always", "sslmode must be one of disable, prefer, require, verify-ca, verify-full"),
        ("postgres://u@h/db?application_name=x", "unsupported parameter application_name"),
        ("postgres://u@h/db?sslrootcert=", "sslrootcert needs a file path"),
        ("not a url at all", "postgres://"),
    ])
    func badURLsSayWhatIsWrong(text: String, expected: String) {
        do {
            _ = try PostgresURL(text)
            Issue.record("\(text) was accepted")
        } catch let error as StoreError {
            #expect(error.kind == .invalid)
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("secret"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func tlsIsPreferredByDefaultAsLibpqDoes() throws {
        let url = try PostgresURL("postgres://u@h/db")
        #expect(url.sslMode == .prefer)
        #expect(url.tlsSettings?.certificateVerification == CertificateVerification.none)
        #expect(url.description == "postgres://u@h:5432/db")
    }

    @Test(arguments: [
        ("disable", PostgresURL.SSLMode.disable, nil), ("require", .require, CertificateVerification.none),
        ("verify-ca", .verifyCA, .noHostnameVerification), ("verify-full", .verifyFull, .fullVerification),
    ] as [(String, PostgresURL.SSLMode, CertificateVerification?)])
    func sslmodeSetsTheTLSOfTheConnection(text: String, mode: PostgresURL.SSLMode, verification: CertificateVerification?) throws {
        let url = try PostgresURL("postgres://u:secret@h/db?sslmode=\(text)&sslrootcert=/etc/ssl/db-ca.pem")
        #expect(url.sslMode == mode)
        #expect(url.tlsSettings?.certificateVerification == verification)
        if mode != .disable { #expect(url.tlsSettings?.trustRoots == .file("/etc/ssl/db-ca.pem")) }
        #expect(url.description == "postgres://u:***@h:5432/db?sslmode=\(text)&sslrootcert=/etc/ssl/db-ca.pem")
    }
}

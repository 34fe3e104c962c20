import Foundation
import Logging
import Testing
import TocsinCore
import TocsinPostgres
import TocsinStore
@testable import TocsinServer

/// `storage.database` chooses the engine: a `postgres://` or `postgresql://` URL is PostgreSQL (with a required
/// erasure key), anything else a SQLite file; a password never shows.
struct TocsinConfigStorageTests {
    @Test(arguments: [
        ("tocsin.sqlite", nil),
        ("/var/lib/tocsin/postgres.sqlite", nil),
        ("postgres-data/tocsin.sqlite", nil),
        ("postgres://tocsin:secret@db.internal:5433/alerts", "postgres://tocsin:***@db.internal:5433/alerts"),
        ("postgresql://tocsin@db.internal/alerts", "postgres://tocsin@db.internal:5432/alerts"),
        ("PostgreSQL://tocsin@10.0.0.5/alerts", "postgres://tocsin@10.0.0.5:5432/alerts"),
    ] as [(String, String?)])
    func theURLSchemeSelectsPostgreSQL(_ database: String, _ expected: String?) throws {
        let config = try TocsinConfig.load(file: nil, environment: [:], flags: ["storage.database": database])
        #expect(TocsinConfig.isPostgresURL(database) == (expected != nil))
        #expect(try config.postgresURL()?.description == expected)
        #expect(config.databaseDescription == (expected ?? database))
    }

    @Test func theEnvironmentAndTheFlagChooseTheEngine() throws {
        let environment = ["TOCSIN_STORAGE_DATABASE": "postgres://tocsin:pw@db/alerts"]
        let fromEnvironment = try TocsinConfig.load(file: nil, environment: environment, flags: [:])
        #expect(try fromEnvironment.postgresURL()?.host == "db")
        let flagWins = try TocsinConfig.load(file: nil, environment: environment, flags: ["storage.database": "local.sqlite"])
        #expect(try flagWins.postgresURL() == nil)
        #expect(flagWins.databasePath == "local.sqlite")
    }

    @Test(arguments: [
        ("postgres://db.internal/alerts", "no user"),
        ("postgres://tocsin:secret@db.internal:5433/", "no database name"),
        ("postgres://tocsin:secret@db.internal/alerts?sslmode=sometimes", "sslmode must be one of"),
    ])
    func aMalformedURLNamesTheKeyAndNeverThePassword(_ database: String, _ reason: String) {
        #expect {
            _ = try TocsinConfig.load(file: nil, environment: [:], flags: ["storage.database": database])
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("storage.database: invalid PostgreSQL URL") && message.contains(reason) && !message.contains("secret")
        }
    }

    @Test func postgreSQLRequiresTheErasureKey() throws {
        let without = try TocsinConfig.load(file: nil, environment: [:], flags: ["storage.database": "postgres://tocsin@db/alerts"])
        #expect {
            _ = try without.makePostgresStore(logger: Logger(label: "test"))
        } throws: { error in
            let message = "\(error)"
            return message.contains("compliance.erasure_key") && message.contains("same on every instance") && !message.contains("\n")
        }
        let key = String(repeating: "ab", count: 32)
        let with = try TocsinConfig.load(
            file: nil, environment: ["TOCSIN_COMPLIANCE_ERASURE_KEY": key], flags: ["storage.database": "postgres://tocsin@db/alerts"]
        )
        #expect(try with.postgresErasureKey().erasedPhone("+12125550100") == (try ErasureKey(text: key)).erasedPhone("+12125550100"))
        // The SQLite file opener refuses a URL instead of creating a file named like it.
        #expect(throws: ConfigError.self) { _ = try with.openStore() }
    }

    @Test func thePasswordNeverShowsInTheConfiguration() throws {
        let config = try TocsinConfig.load(
            file: nil, environment: [:], flags: ["storage.database": "postgres://tocsin:s3cr3t-pw@db.internal/alerts"]
        )
        #expect(config.description.contains("database: postgres://tocsin:***@db.internal:5432/alerts"))
        var dumped = ""
        dump(config, to: &dumped)
        for text in [config.description, String(reflecting: config), dumped] {
            #expect(!text.contains("s3cr3t-pw"))
        }
    }
}

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
        ("postgres://u@h/db?sslmode=require", "query parameters"),
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
}

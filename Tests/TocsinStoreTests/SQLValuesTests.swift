import Testing
@testable import TocsinStore

struct SQLValuesTests {
    @Test func numbersEachRowsPlaceholdersInOrder() {
        #expect(SQLValues.placeholders(rows: 2, columns: 3, first: 2) == "(?2, ?3, ?4), (?5, ?6, ?7)")
        #expect(SQLValues.placeholders(rows: 1, columns: 1, first: 1) == "(?1)")
        #expect(SQLValues.placeholders(rows: 0, columns: 3, first: 1).isEmpty)
    }
}

import GRDB

/// A value of a chained column as either engine stores it.
package enum LedgerValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }
}

import TocsinCore

/// One carrier's answers mapped to ``CarrierError`` kinds (and so retryable or terminal).
///
/// Rows are tried in order: the carrier's own error codes first, then HTTP status ranges. A code not listed
/// falls through to its status; an answer no row matches is `unavailable`.
public struct CarrierErrorTable<Code: Hashable & Sendable>: Sendable {
    /// What one row matches.
    public enum Match: Sendable, Hashable {
        case code(Code)
        case status(ClosedRange<Int>)
    }

    /// A row: what it matches, the kind, and why (shown in the error and the README's tables).
    public typealias Row = (match: Match, kind: CarrierError.Kind, why: String)

    public let rows: [Row]

    public init(_ rows: [Row]) {
        self.rows = rows
    }

    /// The first row that matches `code`, else `status`; nil when none does.
    public func row(status: Int, code: Code?) -> Row? {
        self.rows.first { row in
            switch row.match {
            case .code(let listed): code == listed
            case .status(let range): range.contains(status)
            }
        }
    }

    /// The error for an answer with HTTP `status` and the carrier's `code`.
    ///
    /// - Parameters:
    ///   - carrier: the adapter id recorded on the error (`twilio`, `telnyx`).
    ///   - name: the carrier's name in the message (`Twilio`).
    ///   - detail: the carrier's own explanation, added with digit runs masked (it may quote the number).
    public func error(carrier: String, name: String, status: Int, code: Code?, detail: String?) -> CarrierError {
        let row = self.row(status: status, code: code)
        let suffix = detail.map { ": \(CarrierText.maskingNumbers(String($0.prefix(200))))" } ?? ""
        return CarrierError(
            row?.kind ?? .unavailable, code: code.map { "\($0)" },
            message: "\(name) HTTP \(status), \(row?.why ?? "unexpected HTTP status")\(suffix)", carrier: carrier
        )
    }
}

import Foundation
import Hummingbird
import TocsinCore

/// A small JSON value for responses whose key order and nulls must be exact.
public indirect enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSON])
    /// Keys keep the order given.
    case fields([(String, JSON)])

    /// An object from a literal; keys keep the order written.
    public static func object(_ pairs: KeyValuePairs<String, JSON>) -> JSON {
        .fields(pairs.map { ($0.key, $0.value) })
    }

    public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.text) }

    /// Compact JSON text.
    public var text: String {
        var out = ""
        self.write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .int(let value): out += String(value)
        case .string(let value): JSON.quote(value, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .fields(let pairs):
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += "," }
                JSON.quote(pair.0, into: &out)
                out += ":"
                pair.1.write(to: &out)
            }
            out += "}"
        }
    }

    /// Writes `value` as a JSON string literal.
    public static func quote(_ value: String, into out: inout String) {
        JSONText.quote(value, into: &out)
    }

    /// A 200 (or `status`) response with this JSON as body.
    public func response(status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: self.text))
        )
    }
}

extension JSON {
    /// `value` or null.
    public static func optional(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }
}

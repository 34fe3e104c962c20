import Crypto
import Foundation
import GRDB
import TocsinCore

/// The canonical encoding of a ledger entry (version 1) and the chain hash. Frozen: the v4 migration and
/// every stored hash depend on it byte for byte, so a change needs a new version, never an edit.
///
/// An entry is one line of compact JSON, keys in this fixed order, no spaces, strings escaped as
/// RFC 8259 (only `"`, `\` and control characters), integers in decimal, absent values as `null`:
///
/// - consent: `{"v":1,"seq":S,"kind":"consent","id":ID,"at":MS,"phone":K,"campaign":…,"scope":…,"action":…,
///   "channel":…,"source":…,"keyword":…,"tier":…,"rule":…,"disclosure":D,"staff":…,"inbound":…,"language":…,
///   "personal":P}`
/// - audit: `{"v":1,"seq":S,"kind":"audit","id":ID,"at":MS,"actor":…,"action":…,"subject":…,"personal":P}`
///
/// `S` is the entry's sequence number, `ID` the id of its row in `consent_event` or `audit_event`, `MS`
/// its time in milliseconds since 1970. No personal data is in an entry: `K` is the hex HMAC-SHA256 of the
/// E.164 number under the erasure key; `P` the hex HMAC-SHA256 of the row's personal fields written as a
/// JSON array in this order (consent: raw text, source URL, IP, user agent; audit: detail), or `null` when
/// they are all absent; `D` the plain hex SHA-256 of the disclosure text (the organisation's own words, so
/// anyone holding the text can check it). The personal values stay in their rows, where an erasure can
/// blank them without breaking the chain.
///
/// The chain: `hash(n) = hex(SHA-256(hash(n−1) + "\n" + entry(n)))` over the UTF-8 bytes, with
/// `hash(0)` = 64 zeros.
public enum LedgerEncoding {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// How a column goes into the entry.
    package enum Treatment: Sendable {
        case clear
        case phoneKey
        /// Part of the one keyed hash of the row's personal fields (`personal`).
        case personal
        case digest
    }

    /// A chained column: its name in the source table, its key in the entry and its treatment.
    package struct Field: Sendable {
        package var column: String
        package var key: String
        package var treatment: Treatment
    }

    /// The entry key of the keyed hash of the personal fields.
    package static let personalKey = "personal"

    package static let consentFields: [Field] = [
        Field(column: "phone", key: "phone", treatment: .phoneKey),
        Field(column: "campaign_id", key: "campaign", treatment: .clear),
        Field(column: "scope", key: "scope", treatment: .clear),
        Field(column: "action", key: "action", treatment: .clear),
        Field(column: "channel", key: "channel", treatment: .clear),
        Field(column: "source", key: "source", treatment: .clear),
        Field(column: "keyword", key: "keyword", treatment: .clear),
        Field(column: "tier", key: "tier", treatment: .clear),
        Field(column: "rule", key: "rule", treatment: .clear),
        Field(column: "disclosure", key: "disclosure", treatment: .digest),
        Field(column: "staff", key: "staff", treatment: .clear),
        Field(column: "inbound_message_id", key: "inbound", treatment: .clear),
        Field(column: "language", key: "language", treatment: .clear),
        Field(column: "raw_text", key: "raw_text", treatment: .personal),
        Field(column: "source_url", key: "source_url", treatment: .personal),
        Field(column: "ip", key: "ip", treatment: .personal),
        Field(column: "user_agent", key: "user_agent", treatment: .personal),
    ]

    package static let auditFields: [Field] = [
        Field(column: "actor", key: "actor", treatment: .clear),
        Field(column: "action", key: "action", treatment: .clear),
        Field(column: "subject", key: "subject", treatment: .clear),
        Field(column: "detail", key: "detail", treatment: .personal),
    ]

    /// The chained fields of a kind (`consent` or `audit`).
    package static func fields(_ kind: String) -> [Field]? {
        switch kind {
        case "consent": self.consentFields
        case "audit": self.auditFields
        default: nil
        }
    }

    /// The personal columns an erasure blanks in `consent_event` (their keyed hash stays in the entry).
    package static let erasableConsentColumns = ["raw_text", "source_url", "ip", "user_agent"]

    /// The entry text for a source row whose chained columns are `values` (in the order of ``fields(_:)``).
    ///
    /// - Parameters:
    ///   - preserved: the `personal` value to use as it is (an erased row's keyed hash, taken from its stored
    ///     entry because the row no longer holds the data).
    ///   - digest: computes the hex SHA-256 of a disclosure (the SQL function passes a memo: imports repeat
    ///     the same text on every row).
    static func entry(
        kind: String, seq: Int64, id: Int64, at: Int64, values: [DatabaseValue], key: ErasureKey, preserved: String?? = nil,
        digest: ((String) -> String)? = nil
    ) -> String {
        var out = "{\"v\":1,\"seq\":\(seq),\"kind\":\"\(kind)\",\"id\":\(id),\"at\":\(at)"
        var personal = "["
        var anyPersonal = false
        for (index, field) in (self.fields(kind) ?? []).enumerated() {
            let value = index < values.count ? values[index] : .null
            if field.treatment == .personal {
                if personal.count > 1 { personal += "," }
                if let text = Self.text(value) {
                    anyPersonal = true
                    Self.quote(text, into: &personal)
                } else {
                    personal += "null"
                }
                continue
            }
            out += ",\""
            out += field.key
            out += "\":"
            if field.treatment == .clear, case .int64(let number) = value.storage {
                out += String(number)
            } else if let text = Self.text(value) {
                switch field.treatment {
                case .phoneKey: Self.quote(self.phoneKey(text, key: key), into: &out)
                case .digest: Self.quote(digest?(text) ?? self.sha256Hex(Data(text.utf8)), into: &out)
                case .clear, .personal: Self.quote(text, into: &out)
                }
            } else {
                out += "null"
            }
        }
        out += ",\"personal\":"
        if let kept = preserved {
            out += JSONText.quoted(kept)
        } else {
            out += anyPersonal ? "\"" + key.hmacHex(personal + "]") + "\"" : "null"
        }
        return out + "}"
    }

    /// Appends `text` as a JSON string: as it is when nothing needs escaping (the common case), else
    /// through ``JSONText/quote(_:into:)``. Same bytes either way.
    static func quote(_ text: String, into out: inout String) {
        var plain = true
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            plain = false
            break
        }
        guard plain else { return JSONText.quote(text, into: &out) }
        out += "\""
        out += text
        out += "\""
    }

    /// A stored value as text (nil for NULL; a blob as its hex SHA-256, never expected).
    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): self.sha256Hex(data)
        }
    }

    /// The keyed hash of a stored number; an erased row stores `hmac:<hash>` (optionally `#<id>`) already.
    static func phoneKey(_ stored: String, key: ErasureKey) -> String {
        guard stored.hasPrefix("hmac:") else { return key.hmacHex(stored) }
        return String(stored.dropFirst(5).prefix { $0 != "#" })
    }

    /// `hex(SHA-256(previous + "\n" + entry))`.
    public static func chainHash(previous: String, entry: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previous.utf8))
        hasher.update(data: Data([0x0A]))
        hasher.update(data: Data(entry.utf8))
        return ErasureKey.hex(hasher.finalize())
    }

    /// Hex SHA-256 of `data` (disclosure texts in proofs).
    public static func sha256Hex(_ data: Data) -> String { ErasureKey.hex(SHA256.hash(data: data)) }

    /// The sequence number written at the start of an entry (`{"v":1,"seq":N,…`), without parsing the rest.
    static func sequence(in entry: String) -> Int64? {
        let prefix = "{\"v\":1,\"seq\":"
        guard entry.hasPrefix(prefix) else { return nil }
        return Int64(entry.dropFirst(prefix.count).prefix { $0.isNumber })
    }
}

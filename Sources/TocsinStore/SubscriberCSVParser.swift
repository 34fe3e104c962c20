/// A streaming CSV reader (RFC 4180 and what spreadsheets actually write) for subscriber imports.
///
/// Feed it bytes in chunks of any size; it calls back once per record with the line the record starts
/// on. It handles quoted fields with embedded commas, doubled quotes and line breaks, CRLF, LF and lone CR
/// line ends, a UTF-8 byte-order mark, and a last line without a line end. A record that cannot be read
/// cleanly (text after a closing quote, a quote left open at the end, invalid UTF-8, a huge field) is
/// still returned, with ``SubscriberCSVRecord/problem`` set.
///
/// ```swift
/// var parser = SubscriberCSVParser()
/// parser.feed(Array("phone,source\n\"+1 415 555 0100\",\"form, 2024\"\n".utf8)) { print($0.fields) }
/// parser.finish { print($0.fields) }
/// ```
public struct SubscriberCSVParser: Sendable {
    /// Longest field kept, in bytes; longer ones are cut and the record gets a problem.
    public static let maxFieldBytes = 65_536
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var problem: String?
    private var line = 1
    private var recordLine = 1
    private var lastWasCR = false
    private var bomBytesSeen = 0
    private var started = false

    public init() {}

    /// Reads `bytes`, calling `onRecord` for each record completed by them.
    public mutating func feed<Bytes: Sequence<UInt8>>(
        _ bytes: Bytes, onRecord: (SubscriberCSVRecord) throws -> Void
    ) rethrows {
        for byte in bytes {
            if !self.started {
                if byte == Self.byteOrderMark[self.bomBytesSeen] {
                    self.bomBytesSeen += 1
                    self.started = self.bomBytesSeen == Self.byteOrderMark.count
                    continue
                }
                try self.start(onRecord: onRecord)
            }
            try self.consume(byte, onRecord: onRecord)
        }
    }

    /// Marks the input as started; the first bytes of a byte-order mark that did not complete were data.
    private mutating func start(onRecord: (SubscriberCSVRecord) throws -> Void) rethrows {
        self.started = true
        for kept in Self.byteOrderMark.prefix(self.bomBytesSeen) { try self.consume(kept, onRecord: onRecord) }
    }

    /// Ends the input, returning a last record that had no line end.
    public mutating func finish(onRecord: (SubscriberCSVRecord) throws -> Void) rethrows {
        if !self.started { try self.start(onRecord: onRecord) }
        switch self.state {
        case .quoted:
            self.problem = self.problem ?? "a quoted field is never closed (a missing closing quote)"
            try self.endRecord(onRecord)
        case .fieldStart where self.fields.isEmpty:
            break
        default:
            try self.endRecord(onRecord)
        }
    }

    private mutating func consume(_ byte: UInt8, onRecord: (SubscriberCSVRecord) throws -> Void) rethrows {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        defer { self.lastWasCR = byte == cr }
        if byte == lf, self.lastWasCR {
            // The LF of a CRLF: the CR already ended the line (and the record, outside quotes).
            if self.state == .quoted { self.append(byte) }
            return
        }
        if byte == cr || byte == lf { self.line += 1 }
        switch self.state {
        case .fieldStart, .unquoted:
            if byte == comma {
                self.endField()
            } else if byte == cr || byte == lf {
                try self.endRecord(onRecord)
            } else if byte == quote, self.state == .fieldStart {
                self.state = .quoted
            } else {
                self.append(byte)
                self.state = .unquoted
            }
        case .quoted:
            if byte == quote { self.state = .quoteInQuoted } else { self.append(byte) }
        case .quoteInQuoted:
            if byte == quote {
                self.append(quote)
                self.state = .quoted
            } else if byte == comma {
                self.endField()
            } else if byte == cr || byte == lf {
                try self.endRecord(onRecord)
            } else {
                self.problem = self.problem ?? "text after a closing quote in field \(self.fields.count + 1) (quotes inside a quoted field must be doubled)"
                self.append(byte)
                self.state = .unquoted
            }
        }
    }

    private mutating func append(_ byte: UInt8) {
        if self.field.count < Self.maxFieldBytes {
            self.field.append(byte)
        } else {
            self.problem = self.problem ?? "field \(self.fields.count + 1) is longer than \(Self.maxFieldBytes) bytes"
        }
    }

    private mutating func endField() {
        if let text = String(validating: self.field, as: UTF8.self) {
            self.fields.append(text)
        } else {
            self.problem = self.problem ?? "field \(self.fields.count + 1) is not valid UTF-8 (save the file as UTF-8)"
            self.fields.append(String(decoding: self.field, as: UTF8.self))
        }
        self.field.removeAll(keepingCapacity: true)
        self.state = .fieldStart
    }

    private mutating func endRecord(_ onRecord: (SubscriberCSVRecord) throws -> Void) rethrows {
        self.endField()
        let record = SubscriberCSVRecord(line: self.recordLine, fields: self.fields, problem: self.problem)
        self.fields.removeAll(keepingCapacity: true)
        self.problem = nil
        self.recordLine = self.line
        try onRecord(record)
    }
}

/// A small parser for `application/x-www-form-urlencoded` bodies, the format carrier webhooks post.
///
/// It is written by hand for speed: Hummingbird's generic `URLEncodedFormDecoder` halved the throughput of
/// a webhook route in a benchmark. Fields come back in body order as `(key, value)` pairs, so repeated keys
/// survive and a signature check (``TwilioSignature``) sees exactly what was sent.
///
/// Rules:
/// - fields are separated by `&`; empty fields (`a=1&&b=2`, a leading or trailing `&`) are skipped;
/// - a field splits at its first `=`; a field without `=` is a key with an empty value;
/// - in keys and values `+` is a space and `%XX` is the byte `XX` (hex digits in either case);
/// - a `%` not followed by two hex digits, or bytes that are not UTF-8 once decoded, are errors;
/// - a body longer than `maxBytes` is an error, checked before any work is done.
///
/// The parser never traps, whatever the input.
public enum FormBody {
    /// The default cap on the body size: 64 KiB.
    public static let defaultMaxBytes = 64 * 1024

    /// Parses a form body into its fields, in body order.
    ///
    /// - Parameters:
    ///   - bytes: The raw request body.
    ///   - maxBytes: The largest body accepted, in bytes (default 64 KiB).
    /// - Returns: The decoded `(key, value)` pairs, repeated keys included, in the order they appear.
    /// - Throws: ``FormBodyError`` when the body is too large, has a malformed `%` escape, or is not UTF-8.
    public static func parse(
        _ bytes: some Collection<UInt8>,
        maxBytes: Int = FormBody.defaultMaxBytes
    ) throws(FormBodyError) -> [(String, String)] {
        let size = bytes.count
        guard size <= maxBytes else {
            throw FormBodyError(.tooLarge(size: size, limit: maxBytes))
        }
        let contiguous: Result<[(String, String)], FormBodyError>? = bytes.withContiguousStorageIfAvailable {
            buffer in
            do throws(FormBodyError) {
                return .success(try Self.parse(buffer: buffer))
            } catch {
                return .failure(error)
            }
        }
        if let contiguous {
            return try contiguous.get()
        }
        let copy = Array(bytes)
        let copied: Result<[(String, String)], FormBodyError> = copy.withUnsafeBufferPointer { buffer in
            do throws(FormBodyError) {
                return .success(try Self.parse(buffer: buffer))
            } catch {
                return .failure(error)
            }
        }
        return try copied.get()
    }

    /// The value of the first field named `key`, or `nil` when there is none.
    ///
    /// Keys are compared byte for byte (no Unicode normalisation), as the signature check compares them.
    public static func firstValue(of key: String, in fields: [(String, String)]) -> String? {
        for field in fields where field.0.utf8.elementsEqual(key.utf8) {
            return field.1
        }
        return nil
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>) throws(FormBodyError) -> [(String, String)] {
        var fields: [(String, String)] = []
        var scratch: [UInt8] = []
        var start = 0
        let end = buffer.count
        while start < end {
            var stop = start
            while stop < end, buffer[stop] != UInt8(ascii: "&") {
                stop += 1
            }
            if stop > start {
                var equals = start
                while equals < stop, buffer[equals] != UInt8(ascii: "=") {
                    equals += 1
                }
                let field = fields.count
                let key = try Self.decode(buffer, from: start, to: equals, field: field, scratch: &scratch)
                let value =
                    equals < stop
                    ? try Self.decode(buffer, from: equals + 1, to: stop, field: field, scratch: &scratch)
                    : ""
                fields.append((key, value))
            }
            start = stop + 1
        }
        return fields
    }

    /// Decodes `buffer[lower..<upper]`: `+` to space, `%XX` to a byte, then validates UTF-8.
    private static func decode(
        _ buffer: UnsafeBufferPointer<UInt8>,
        from lower: Int,
        to upper: Int,
        field: Int,
        scratch: inout [UInt8]
    ) throws(FormBodyError) -> String {
        let raw = UnsafeBufferPointer(rebasing: buffer[lower..<upper])
        let decoded: String?
        if !raw.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) {
            decoded = String(validating: raw, as: UTF8.self)
        } else {
            scratch.removeAll(keepingCapacity: true)
            var index = lower
            while index < upper {
                let byte = buffer[index]
                if byte == UInt8(ascii: "+") {
                    scratch.append(UInt8(ascii: " "))
                    index += 1
                } else if byte == UInt8(ascii: "%") {
                    guard index + 2 < upper,
                        let high = Self.hexValue(buffer[index + 1]),
                        let low = Self.hexValue(buffer[index + 2])
                    else {
                        throw FormBodyError(.malformedPercentEscape(offset: index))
                    }
                    scratch.append(high << 4 | low)
                    index += 3
                } else {
                    scratch.append(byte)
                    index += 1
                }
            }
            decoded = String(validating: scratch, as: UTF8.self)
        }
        guard let decoded else {
            throw FormBodyError(.invalidUTF8(field: field))
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

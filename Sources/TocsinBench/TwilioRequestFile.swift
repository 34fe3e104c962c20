import Foundation
import TocsinCarriers

/// Writes signed Twilio inbound SMS requests, one per line as `signature<TAB>form-body`, for wrk to replay.
///
/// The mix is a viral keyword surge: mostly joins from new numbers, with STOP, HELP and chatter.
enum TwilioRequestFile {
    static func write(count: Int, url: String, token: String, path: String) throws {
        let signer = TwilioSignature(authToken: token)
        let bodies = ["RIGHTS", "RIGHTS", "RIGHTS", "RIGHTS", "RIGHTS", "STOP", "HELP", "Stop texting me please", "Thank you!", "What can I do to help?"]
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteNoPermission) }
        defer { try? handle.close() }
        var chunk = ""
        for index in 0..<count {
            let from = "+1212\(200 + index / 10_000 % 700)\(String(format: "%04d", index % 10_000))"
            let fields: [(String, String)] = [
                ("AccountSid", "AC0123456789abcdef0123456789abcdef"), ("ApiVersion", "2010-04-01"),
                ("Body", bodies[index % bodies.count]), ("From", from), ("FromCountry", "US"), ("FromState", "NY"),
                ("MessageSid", "SM\(String(format: "%032x", index))"), ("NumMedia", "0"), ("NumSegments", "1"),
                ("SmsStatus", "received"), ("To", "+14155550100"), ("ToCountry", "US"),
            ]
            let body = fields.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
            chunk += signer.compute(url: url, parameters: fields) + "\t" + body + "\n"
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value).replacingOccurrences(of: "%20", with: "+")
    }
}

import Foundation
import Testing
import TocsinCore
@testable import TocsinStore

struct ErasureKeyTests {
    /// RFC 4231 test cases 1 and 6 (a key longer than the block is hashed first).
    @Test(arguments: [
        (String(repeating: "0b", count: 20), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (
            String(repeating: "aa", count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        ),
    ])
    func theKeyedHashIsHMACSHA256(_ key: String, _ text: String, _ expected: String) throws {
        #expect(try ErasureKey(text: key).hmacHex(text) == expected)
        #expect(try ErasureKey(text: key).erasedPhone(text) == "hmac:" + expected)
    }

    @Test func aShortKeyIsRefusedAndTheKeyIsNeverPrinted() throws {
        #expect(throws: StoreError.self) { try ErasureKey(text: "too short") }
        let key = try ErasureKey(text: String(repeating: "5a", count: 32))
        #expect("\(key)" == "ErasureKey(<secret>)")
    }

    @Test func aMissingKeyFileIsCreatedPrivateAndReadBack() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-key-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let first = try ErasureKey.loadOrCreate(file: file)
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try ErasureKey.loadOrCreate(file: file).hmacHex("x") == first.hmacHex("x"))
    }
}

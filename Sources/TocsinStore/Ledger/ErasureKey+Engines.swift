import Crypto
import Foundation

extension ErasureKey {
    /// The key's bytes in hex, for another engine's ledger triggers (PostgreSQL's reach them through a
    /// transaction-local setting). Within the package only: never logged, never stored in a database.
    package var bytesHex: String {
        self.key.withUnsafeBytes { Self.hex($0) }
    }
}

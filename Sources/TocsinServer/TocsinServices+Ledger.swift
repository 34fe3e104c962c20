import Foundation
import Logging
import TocsinStore

extension TocsinServices {
    /// Checks the whole ledger before serving when `compliance.verify_on_start` is true (the default).
    ///
    /// Verification reads and re-encodes every entry once (1.5 s for 20,000 entries in a debug build on a
    /// 2-core machine), so a start takes that much longer; a broken ledger stops the start.
    ///
    /// - Throws: ``ConfigError`` naming the first entry that was changed, removed or reordered.
    public func verifyLedgerOnStart() async throws {
        guard self.config.ledger.verifyOnStart else { return }
        let started = ContinuousClock.now
        let result = try await self.store.verifyLedger()
        if let problem = result.problem {
            throw ConfigError(
                "the ledger does not verify: \(problem). Nothing was started; investigate with `tocsin audit verify` "
                    + "(set compliance.verify_on_start: false only to start anyway while you do)"
            )
        }
        let elapsed = ContinuousClock.now - started
        self.logger.info(
            "ledger verified",
            metadata: ["entries": "\(result.entries)", "head": "\(result.head.map { "\($0.seq):\($0.hash)" } ?? "empty")", "took": "\(elapsed)"]
        )
    }
}

/// The compliance JSON documents, shared by the API and the CLI.
public enum ComplianceJSON {
    public static func verification(_ result: LedgerVerification) -> String { ComplianceRoutes.json(result).text }
    public static func proof(_ proof: ConsentProof) -> String { ComplianceRoutes.json(proof).text }
    public static func deadlines(_ report: DeadlineReport) -> String { ComplianceRoutes.json(report).text }
    public static func optOut(_ entry: OptOutLogEntry) -> String { ComplianceRoutes.json(entry).text }
    public static func twilio(_ items: [TwilioConsentItem]) -> String { JSON.object(["items": .array(items.map(ComplianceRoutes.json))]).text }
}

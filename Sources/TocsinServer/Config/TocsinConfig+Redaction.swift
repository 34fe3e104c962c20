import Foundation

/// Printing or dumping a configuration never shows a secret (`twilio.auth_token`, `telnyx.api_key`).
extension TocsinConfig: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "TocsinConfig(carrier: \(self.carrierKind), public_url: \(self.publicURL), database: \(self.databaseDescription), "
            + "twilio.auth_token: \(self.twilioAuthToken == nil ? "none" : "<redacted>"), \(self.carriers))"
    }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "profile": self.profile, "host": self.host, "port": self.port, "publicURL": self.publicURL,
                "maxBodyBytes": self.maxBodyBytes, "databasePath": self.databaseDescription, "durability": self.durability,
                "keywordsDirectory": self.keywordsDirectory, "complianceDirectory": self.complianceDirectory,
                "carrierKind": self.carrierKind, "mockOutboxPath": self.mockOutboxPath,
                "twilioAccountSID": self.twilioAccountSID as Any,
                "twilioAuthToken": self.twilioAuthToken == nil ? "none" : "<redacted>", "carriers": self.carriers,
                "campaigns": self.campaigns, "reviewBusinessDays": self.reviewBusinessDays, "maxSegments": self.maxSegments,
                "fanoutBatchSize": self.fanoutBatchSize, "dispatch": self.dispatch,
            ],
            displayStyle: .struct
        )
    }
}

import Foundation

/// How the jurisdiction policies of `paths.compliance` are applied.
public struct ComplianceSettings: Sendable, Hashable {
    /// `enforce` (default): an alert whose templates miss required content is refused (422) on create and
    /// resume. `report`: the launch check is computed and shown, never refused.
    public var launchChecks: LaunchCheckMode

    public enum LaunchCheckMode: String, Sendable, Hashable, CaseIterable {
        case enforce
        case report
    }

    public init(launchChecks: LaunchCheckMode = .enforce) {
        self.launchChecks = launchChecks
    }
}

extension TocsinConfig {
    /// The `compliance.*` keys.
    static let complianceKeys = ["compliance.launch_checks"]

    /// Reads the compliance settings, checking each value.
    static func complianceSettings(_ values: ConfigValues) throws(ConfigError) -> ComplianceSettings {
        let text = values.string("compliance.launch_checks", default: ComplianceSettings.LaunchCheckMode.enforce.rawValue)
        guard let mode = ComplianceSettings.LaunchCheckMode(rawValue: text) else {
            throw ConfigError("compliance.launch_checks must be enforce or report, not '\(text)'")
        }
        return ComplianceSettings(launchChecks: mode)
    }
}

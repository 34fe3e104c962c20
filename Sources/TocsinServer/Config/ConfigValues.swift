import Foundation
import Yams

/// Flat, layered configuration values: defaults < YAML file < environment < command-line flags.
///
/// Keys are dotted paths of the YAML file (`server.port`); the environment variable for a key is
/// `TOCSIN_` followed by the key upper-cased with dots as underscores (`TOCSIN_SERVER_PORT`).
public struct ConfigValues: Sendable {
    private(set) var values: [String: String] = [:]
    /// Campaign entries from the YAML file (lists are not overridable from the environment).
    private(set) var campaigns: [[String: String]] = []

    public init() {}

    /// Reads a YAML file's mappings and scalar lists (lists become comma-separated values).
    public mutating func load(yaml text: String, file: String) throws(ConfigError) {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw ConfigError("\(file): not valid YAML: \(error)")
        }
        guard let node else { return }
        guard case .mapping(let mapping) = node else {
            throw ConfigError("\(file): the top level must be a mapping of sections (organisation:, server:, ...)")
        }
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            if name == "campaigns" {
                try self.loadCampaigns(value, file: file)
            } else {
                try self.flatten(value, prefix: name, file: file)
            }
        }
    }

    private mutating func flatten(_ node: Node, prefix: String, file: String) throws(ConfigError) {
        switch node {
        case .scalar(let scalar):
            self.values[prefix] = scalar.string
        case .sequence(let sequence):
            self.values[prefix] = sequence.compactMap(\.string).joined(separator: ",")
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                try self.flatten(value, prefix: "\(prefix).\(name)", file: file)
            }
        case .alias:
            throw ConfigError("\(file): YAML aliases are not supported (at \(prefix))")
        }
    }

    private mutating func loadCampaigns(_ node: Node, file: String) throws(ConfigError) {
        guard case .sequence(let sequence) = node else {
            throw ConfigError("\(file): campaigns: must be a list of campaigns")
        }
        for item in sequence {
            guard case .mapping(let mapping) = item else {
                throw ConfigError("\(file): each entry under campaigns: must be a mapping (slug:, program_name:, ...)")
            }
            var campaign: [String: String] = [:]
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                switch value {
                case .scalar(let scalar): campaign[name] = scalar.string
                case .sequence(let list): campaign[name] = list.compactMap(\.string).joined(separator: ",")
                default: throw ConfigError("\(file): campaigns.\(name) must be a value or a list")
                }
            }
            self.campaigns.append(campaign)
        }
    }

    /// Applies `TOCSIN_*` variables for every key in `knownKeys`.
    public mutating func applyEnvironment(_ environment: [String: String], knownKeys: [String]) {
        for key in knownKeys {
            let name = "TOCSIN_" + key.uppercased().replacingOccurrences(of: ".", with: "_")
            if let value = environment[name] { self.values[key] = value }
        }
    }

    /// Sets one value (a command-line flag wins over everything).
    public mutating func set(_ key: String, _ value: String?) {
        if let value { self.values[key] = value }
    }

    public subscript(key: String) -> String? {
        self.values[key].flatMap { $0.isEmpty ? nil : $0 }
    }

    func string(_ key: String, default value: String) -> String { self[key] ?? value }

    func int(_ key: String, default value: Int) throws(ConfigError) -> Int {
        guard let text = self[key] else { return value }
        guard let number = Int(text) else { throw ConfigError("\(key) must be a whole number, not '\(text)'") }
        return number
    }

    func bool(_ key: String, default value: Bool) throws(ConfigError) -> Bool {
        guard let text = self[key]?.lowercased() else { return value }
        switch text {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off": return false
        default: throw ConfigError("\(key) must be true or false, not '\(text)'")
        }
    }

    func list(_ key: String) -> [String] {
        (self[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

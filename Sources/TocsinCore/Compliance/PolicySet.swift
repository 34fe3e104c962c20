import Foundation

/// Every jurisdiction policy, resolved: overlays merged over their parents and the default over everything
/// it includes. Built by the `Compliance/` loader (TocsinRules) or directly in tests.
///
/// ```swift
/// let jurisdiction = policies.jurisdiction(of: phone)          // US-FL → "us-fl"
/// let policy = policies.policy(for: jurisdiction)               // us-fl merged over us
/// let deadline = policies.optOutDeadline(jurisdiction: jurisdiction, receivedAt: now)
/// ```
public struct PolicySet: Sendable, Hashable {
    /// The policies as written, by key.
    public let files: [String: JurisdictionPolicy]
    /// The effective policies, by key (overlays merged).
    public let effective: [String: JurisdictionPolicy]
    /// Region or subdivision → policy key.
    let index: [String: String]

    /// Resolves `policies`; `default` must be among them.
    ///
    /// - Throws: ``PolicySetError`` when a parent or include is missing, or they form a cycle.
    public init(_ policies: [JurisdictionPolicy]) throws(PolicySetError) {
        var files: [String: JurisdictionPolicy] = [:]
        for policy in policies {
            if files[policy.key] != nil { throw PolicySetError("two policies have the key '\(policy.key)'") }
            files[policy.key] = policy
        }
        guard files[Jurisdiction.defaultKey] != nil else {
            throw PolicySetError("no default policy: add default.yaml (it applies to numbers of unknown jurisdiction)")
        }
        var effective: [String: JurisdictionPolicy] = [:]
        func resolve(_ key: String, path: [String]) throws(PolicySetError) -> JurisdictionPolicy {
            if let done = effective[key] { return done }
            guard let policy = files[key] else {
                throw PolicySetError("\(path.last ?? key) refers to '\(key)', which has no file (\(key).yaml)")
            }
            if path.contains(key) { throw PolicySetError("policies include each other in a cycle: \((path + [key]).joined(separator: " → "))") }
            var result = policy
            if let parent = policy.parent { result = result.merged(over: try resolve(parent, path: path + [key])) }
            for include in policy.includes { result = result.merged(over: try resolve(include, path: path + [key])) }
            effective[key] = result
            return result
        }
        for key in files.keys.sorted() { _ = try resolve(key, path: []) }
        var index: [String: String] = [:]
        for policy in files.values.sorted(by: { $0.key < $1.key }) {
            for place in policy.appliesTo {
                if let other = index[place] { throw PolicySetError("\(place) is claimed by both \(other).yaml and \(policy.key).yaml") }
                index[place] = policy.key
            }
        }
        self.files = files
        self.effective = effective
        self.index = index
    }

    /// The jurisdiction of a number: a subdivision overlay if one exists (merged over its country), the
    /// country policy, or the default (unknown region, non-geographic, or a region without a policy).
    ///
    /// An area code serving several subdivisions gets every matching overlay merged (the strictest of them).
    public func jurisdiction(of phone: PhoneNumber) -> Jurisdiction {
        let region = phone.region
        let subdivisions = phone.subdivisions
        let overlays = subdivisions.compactMap { self.index[$0] }
        var seen = Set<String>()
        let unique = overlays.filter { seen.insert($0).inserted }.sorted()
        if !unique.isEmpty {
            return Jurisdiction(key: unique.joined(separator: "+"), region: region, subdivisions: subdivisions)
        }
        if let region, let key = self.index[region] {
            return Jurisdiction(key: key, region: region, subdivisions: subdivisions)
        }
        return Jurisdiction(key: Jurisdiction.defaultKey, region: region, subdivisions: subdivisions)
    }

    /// The effective policy of a jurisdiction key (several overlays joined by `+` are merged); the default
    /// when the key is unknown.
    public func policy(for key: String) -> JurisdictionPolicy {
        if let policy = self.effective[key] { return policy }
        let parts = key.split(separator: "+").compactMap { self.effective[String($0)] }
        guard var merged = parts.first else { return self.defaultPolicy }
        for part in parts.dropFirst() { merged = part.merged(over: merged) }
        merged.key = key
        return merged
    }

    public func policy(for jurisdiction: Jurisdiction) -> JurisdictionPolicy {
        self.policy(for: jurisdiction.key)
    }

    /// The strictest policy, for unknown numbers.
    public var defaultPolicy: JurisdictionPolicy {
        self.effective[Jurisdiction.defaultKey]!
    }
}

/// Why a set of policies does not fit together.
public struct PolicySetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { self.message }
}

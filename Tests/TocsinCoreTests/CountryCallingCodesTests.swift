import Foundation
import Testing

@testable import TocsinCore

struct CountryCallingCodesTests {
    @Test func codesAreUniqueAndPrefixFree() {
        let codes = CountryCallingCodes.all.map { String($0.code) }
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect((1...3).contains(code.count))
            for other in codes where other != code { #expect(!other.hasPrefix(code), "\(code) is a prefix of \(other)") }
        }
        #expect(codes.count > 210)
    }

    @Test(arguments: [
        ("14155550100", 1), ("447911123456", 44), ("85221234567", 852), ("74951234567", 7), ("80012345678", 800),
        ("35318001234", 353), ("9715012345", 971), ("3906", 39),
    ])
    func matchingFindsTheCode(_ digits: String, _ code: Int) {
        #expect(CountryCallingCodes.matching(digits)?.code == code)
    }

    @Test(arguments: ["0", "01", "001", "28", "281", "422", "388", "991", "969", "999"])
    func unassignedCodesDoNotMatch(_ digits: String) {
        #expect(CountryCallingCodes.matching(digits + "12345678") == nil)
    }

    @Test(arguments: [
        ("US", 1), ("CA", 1), ("JM", 1), ("PR", 1), ("GB", 44), ("GG", 44), ("JE", 44), ("IM", 44), ("HK", 852),
        ("FR", 33), ("KZ", 7), ("RU", 7), ("VA", 39), ("SH", 290), ("AC", 247), ("XK", 383), ("AX", 358),
    ])
    func regionsMapToTheirCode(_ region: String, _ code: Int) {
        #expect(CountryCallingCodes.entry(forRegion: region)?.code == code)
    }

    @Test func everyZoneExistsOnThisMachine() {
        var zones: Set<String> = []
        for entry in CountryCallingCodes.all {
            zones.formUnion(entry.timeZones)
            for rule in entry.rules { zones.formUnion(rule.timeZones) }
        }
        #expect(zones.count > 300)
        for zone in zones.sorted() { #expect(TimeZone(identifier: zone) != nil, "\(zone)") }
    }

    @Test func entriesAreConsistent() {
        for entry in CountryCallingCodes.all where entry.code != 1 {
            let digits = String(entry.code).count
            #expect(entry.nationalNumberLengths.lowerBound >= 4, "+\(entry.code)")
            #expect(digits + entry.nationalNumberLengths.upperBound <= 15, "+\(entry.code) exceeds E.164")
            #expect(entry.region == nil ? entry.timeZones.isEmpty : !entry.timeZones.isEmpty, "+\(entry.code)")
            if let region = entry.region {
                #expect(region.count == 2 && region.allSatisfy(\.isUppercase), "+\(entry.code)")
            }
            for rule in entry.rules {
                #expect(!rule.timeZones.isEmpty && !rule.prefixes.isEmpty, "+\(entry.code)")
            }
        }
    }

    @Test func nonGeographicCodesHaveNoRegion() {
        for code in [800, 808, 870, 878, 881, 882, 883, 888, 979] {
            let entry = CountryCallingCodes.entry(for: code)
            #expect(entry != nil && entry?.region == nil && entry?.timeZones == [], "+\(code)")
        }
    }

    @Test func sharedCodesListEveryRegion() {
        #expect(CountryCallingCodes.entry(for: 7)?.regions == ["RU", "KZ"])
        #expect(CountryCallingCodes.entry(for: 61)?.regions == ["AU", "CC", "CX"])
        #expect(CountryCallingCodes.entry(for: 1)?.regions.prefix(2) == ["US", "CA"])
        #expect(CountryCallingCodes.entry(for: 1)?.regions.contains("JM") == true)
    }

    @Test(arguments: [
        ("5511912345678", ["America/Sao_Paulo"]), ("559212345678", ["America/Manaus"]),
        ("34922123456", ["Atlantic/Canary"]), ("34912345678", ["Europe/Madrid", "Atlantic/Canary", "Africa/Ceuta"]),
        ("351291123456", ["Atlantic/Madeira"]), ("525512345678", ["America/Mexico_City"]),
        ("526641234567", ["America/Tijuana"]), ("61891621234", ["Indian/Cocos"]),
    ])
    func leadingDigitsRefineZones(_ digits: String, _ zones: [String]) throws {
        let number = try PhoneNumber.parse("+" + digits)
        #expect(number.timeZones == zones)
    }
}

import Foundation
import Testing

@testable import TocsinCore

struct NANPAreaCodesTests {
    @Test func codesAreThreeDigitsAndUnique() {
        let codes = NANPAreaCodes.all.map(\.code)
        #expect(Set(codes).count == codes.count, "duplicates: \(Dictionary(grouping: codes) { $0 }.filter { $1.count > 1 }.keys)")
        for code in codes {
            #expect(code.count == 3 && code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber), "\(code)")
            #expect(code.first! >= "2", "\(code) starts with 0 or 1")
        }
        #expect(NANPAreaCodes.byCode.count == codes.count)
    }

    @Test func tableIsComplete() {
        let geographic = NANPAreaCodes.all.filter(\.isGeographic)
        // 2025: about 370 US codes (with DC and territories), about 60 Canadian ones, 20 elsewhere.
        #expect(geographic.filter { $0.region == "US" }.count > 350)
        #expect(geographic.filter { $0.region == "CA" }.count >= 55)
        #expect(Set(NANPAreaCodes.regions).count == 25)
        let states = Set(geographic.filter { $0.region == "US" }.flatMap(\.subdivisions))
        #expect(states.count == 51, "50 states and DC: \(states.count)")
        let provinces = Set(geographic.filter { $0.region == "CA" }.flatMap(\.subdivisions))
        #expect(provinces.count == 13, "10 provinces and 3 territories: \(provinces.sorted())")
    }

    @Test(arguments: ["211", "311", "411", "511", "611", "711", "811", "911"])
    func n11IsNotAnAreaCode(_ code: String) {
        #expect(NANPAreaCodes.areaCode(code) == nil)
    }

    @Test(arguments: ["370", "371", "372", "373", "374", "375", "376", "377", "378", "379", "960", "961", "962", "963", "964", "965", "966", "967", "968", "969", "555", "950", "958", "290", "299", "880", "881", "887", "889", "822", "456", "001", "100"])
    func reservedAndUnassignedCodesAreAbsent(_ code: String) {
        #expect(NANPAreaCodes.areaCode(code) == nil)
    }

    @Test(arguments: ["500", "521", "533", "588", "600", "622", "633", "700", "710", "800", "833", "844", "855", "866", "877", "888", "900"])
    func nonGeographicCodesHaveNoPlace(_ code: String) throws {
        let entry = try #require(NANPAreaCodes.areaCode(code))
        #expect(entry.region == nil)
        #expect(entry.subdivisions.isEmpty)
        #expect(entry.timeZones.isEmpty)
        #expect(!entry.isGeographic)
    }

    @Test(arguments: [
        ("305", "US", "US-FL"), ("405", "US", "US-OK"), ("410", "US", "US-MD"), ("514", "CA", "CA-QC"),
        ("416", "CA", "CA-ON"), ("306", "CA", "CA-SK"), ("202", "US", "US-DC"), ("907", "US", "US-AK"),
        ("808", "US", "US-HI"), ("212", "US", "US-NY"), ("312", "US", "US-IL"), ("213", "US", "US-CA"),
        ("604", "CA", "CA-BC"), ("403", "CA", "CA-AB"), ("204", "CA", "CA-MB"), ("506", "CA", "CA-NB"),
        ("709", "CA", "CA-NL"), ("787", "PR", "US-PR"), ("671", "GU", "US-GU"), ("340", "VI", "US-VI"),
        ("684", "AS", "US-AS"), ("670", "MP", "US-MP"), ("876", "JM", nil), ("809", "DO", nil), ("441", "BM", nil),
        ("861", "US", "US-IL"), ("457", "US", "US-LA"), ("624", "US", "US-NY"), ("679", "US", "US-MI"),
        ("436", "US", "US-OH"), ("357", "US", "US-CA"), ("942", "CA", "CA-ON"), ("257", "CA", "CA-BC"),
    ] as [(String, String, String?)])
    func regionAndSubdivision(_ code: String, _ region: String, _ subdivision: String?) throws {
        let entry = try #require(NANPAreaCodes.areaCode(code))
        #expect(entry.region == region)
        #expect(entry.subdivision == subdivision)
    }

    @Test(arguments: [
        ("208", ["America/Boise", "America/Los_Angeles"]),
        ("986", ["America/Boise", "America/Los_Angeles"]),
        ("850", ["America/Chicago", "America/New_York"]),
        ("270", ["America/Chicago", "America/New_York"]),
        ("606", ["America/New_York", "America/Chicago"]),
        ("423", ["America/New_York", "America/Chicago"]),
        ("812", ["America/New_York", "America/Chicago"]),
        ("219", ["America/Chicago", "America/New_York"]),
        ("906", ["America/New_York", "America/Chicago"]),
        ("915", ["America/Denver"]),
        ("605", ["America/Chicago", "America/Denver"]),
        ("701", ["America/Chicago", "America/Denver"]),
        ("308", ["America/Chicago", "America/Denver"]),
        ("541", ["America/Los_Angeles", "America/Boise"]),
        ("928", ["America/Phoenix", "America/Denver"]),
        ("602", ["America/Phoenix"]),
        ("306", ["America/Regina", "America/Edmonton"]),
        ("709", ["America/St_Johns", "America/Goose_Bay"]),
        ("418", ["America/Toronto", "America/Halifax", "America/Blanc-Sablon"]),
        ("807", ["America/Toronto", "America/Winnipeg", "America/Atikokan"]),
        ("506", ["America/Moncton"]),
    ])
    func multiZoneAreaCodes(_ code: String, _ zones: [String]) throws {
        #expect(try #require(NANPAreaCodes.areaCode(code)).timeZones == zones)
    }

    @Test func everyZoneExistsOnThisMachine() {
        let zones = Set(NANPAreaCodes.all.flatMap(\.timeZones))
        #expect(zones.count > 40)
        for zone in zones.sorted() { #expect(TimeZone(identifier: zone) != nil, "\(zone)") }
    }

    @Test func geographicRowsAreConsistent() {
        for entry in NANPAreaCodes.all where entry.isGeographic {
            #expect(!entry.timeZones.isEmpty, "\(entry.code) has no zone")
            #expect(Set(entry.timeZones).count == entry.timeZones.count, "\(entry.code) repeats a zone")
            let region = entry.region ?? ""
            switch region {
            case "US": #expect(entry.subdivisions.count == 1 && entry.subdivisions[0].hasPrefix("US-"), "\(entry.code)")
            case "CA": #expect(!entry.subdivisions.isEmpty && entry.subdivisions.allSatisfy { $0.hasPrefix("CA-") })
            case "PR", "GU", "VI", "AS", "MP": #expect(entry.subdivisions == ["US-\(region)"])
            default: #expect(entry.subdivisions.isEmpty, "\(entry.code)")
            }
        }
    }
}

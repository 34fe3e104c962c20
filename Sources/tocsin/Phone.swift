import ArgumentParser
import Foundation
import TocsinCore

struct Phone: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Phone number tools.", subcommands: [Normalize.self]
    )

    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Normalise numbers to E.164 and show their region and time zones (one JSON object per line)."
        )

        @Flag(name: .long, help: "Print JSON (the only format).")
        var json = false

        @Option(name: .long, help: "Region for numbers written without a country code (e.g. US, CA, HK, GB).")
        var region: String?

        @Argument(help: "Numbers to normalise.")
        var numbers: [String]

        func run() {
            for number in self.numbers {
                print(PhoneNormalizeResult.normalize(number, defaultRegion: self.region?.uppercased()).jsonLine())
            }
        }
    }
}

struct Segments: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count SMS segments: encoding (GSM-7 or UCS-2), units and segments."
    )

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Argument(help: "The message text.")
    var text: String

    func run() {
        let count = SegmentCount.count(self.text)
        if self.json {
            print(count.jsonLine())
        } else {
            print("\(count.encoding.rawValue), \(count.units) units, \(count.segments) segment(s)")
            if !count.nonGSMCharacters.isEmpty {
                print("characters forcing UCS-2: \(count.nonGSMCharacters.joined(separator: " "))")
            }
        }
    }
}

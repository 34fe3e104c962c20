import ArgumentParser
import TocsinCore

struct Schedule: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Alert schedules.", subcommands: [Preview.self]
    )

    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the next occurrences of an RRULE as UTC instants (a JSON array)."
        )

        @Flag(name: .long, help: "Print JSON (the only format).")
        var json = false

        @Option(name: .long, help: "RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=10")
        var rule: String

        @Option(name: .long, help: "Local start date-time, e.g. 2026-03-02T10:00")
        var start: String

        @Option(name: .long, help: "IANA time zone of the start, e.g. America/New_York")
        var tz: String

        @Option(name: .long, help: "How many occurrences to print.")
        var count: Int = 10

        func run() {
            do {
                print(try RecurrenceSchedule.previewJSON(rule: self.rule, start: self.start, timeZone: self.tz, count: self.count))
            } catch {
                fail(error.description)
            }
        }
    }
}

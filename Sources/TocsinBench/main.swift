import Foundation
import Hummingbird
import TocsinCarriers

// `make bench` drives this executable through scripts/bench.sh:
//   TocsinBench classify KEYWORDS_DIR            classifier throughput beside its baselines
//   TocsinBench dispatch-seed DB N               N subscribers and one alert fanned out to them
//   TocsinBench dispatch DB OUTBOX KEYWORDS [STOPS]  dispatch rate with every gate on; STOP latency meanwhile
//   TocsinBench pg-dispatch-seed URL N           fresh PostgreSQL database, N subscribers, one alert fanned out
//   TocsinBench pg-dispatch URL OUTBOX NAME      one dispatch instance on PostgreSQL until nothing is claimable
//   TocsinBench pg-dispatch-check URL N OUTBOX...  every recipient sent exactly once (exit 1 otherwise)
//   TocsinBench pg-inbound-seed URL              fresh PostgreSQL database with the bench campaign
//   TocsinBench pg-inbound URL K T FIRST NAME    K callers drive InboundHandler with texts FIRST..<FIRST+T
//   TocsinBench inbound FILE K T                 the same on a new SQLite file
//   TocsinBench pg-reset URL                     drops and recreates the database (empty)
//   TocsinBench pg-count URL TABLE               rows in a table
//   TocsinBench sum-runs UNIT FILE...            adds up the `run …` lines of concurrent instances
//   TocsinBench bare PORT                        a bare Hummingbird POST endpoint (the webhook baseline)
//   TocsinBench twilio-requests N URL TOKEN FILE signed Twilio inbound requests for wrk to replay
let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "classify":
    for line in try ClassifierBench.run(keywordsDirectory: arguments.dropFirst().first ?? "Keywords") { print(line) }
case "store":
    let rest = Array(arguments.dropFirst())
    print(try await StoreBench.run(directory: rest.first ?? NSTemporaryDirectory(), messages: 50_000, batch: Int(rest.dropFirst().first ?? "") ?? 64))
case "fanout-seed":
    let rest = Array(arguments.dropFirst())
    print(try await FanoutBench.seed(path: rest[0], count: Int(rest[1]) ?? 1_000_000))
case "fanout":
    let rest = Array(arguments.dropFirst())
    for line in try await FanoutBench.fanout(path: rest[0], batch: Int(rest.dropFirst().first ?? "") ?? 50_000) { print(line) }
case "dispatch-seed":
    let rest = Array(arguments.dropFirst())
    print(try await DispatchBench.seed(path: rest[0], count: Int(rest[1]) ?? 1_000_000))
case "dispatch":
    let rest = Array(arguments.dropFirst())
    let lines = try await DispatchBench.run(path: rest[0], outbox: rest[1], keywords: rest[2], stops: Int(rest.dropFirst(3).first ?? "") ?? 1000)
    for line in lines { print(line) }
case "dispatch-phases":
    let rest = Array(arguments.dropFirst())
    for line in try await DispatchBench.phases(path: rest[0], outbox: rest[1]) { print(line) }
case "stop-fence":
    for line in try await StopFenceBench.run(url: arguments.dropFirst().first ?? "") { print(line) }
case "pg-dispatch-seed":
    let rest = Array(arguments.dropFirst())
    print(try await PostgresDispatchBench.seed(url: rest[0], count: Int(rest.dropFirst().first ?? "") ?? 100_000))
case "pg-dispatch":
    let rest = Array(arguments.dropFirst())
    for line in try await PostgresDispatchBench.run(url: rest[0], outbox: rest.dropFirst().first ?? "/dev/null", instance: rest.dropFirst(2).first ?? "a") { print(line) }
case "pg-dispatch-check":
    let rest = Array(arguments.dropFirst())
    let check = try await PostgresDispatchBench.check(url: rest[0], recipients: Int(rest[1]) ?? 0, outboxes: Array(rest.dropFirst(2)))
    for line in check.lines { print(line) }
    if !check.passed { exit(1) }
case "pg-inbound-seed":
    print(try await InboundBench.seedPostgres(url: arguments.dropFirst().first ?? ""))
case "pg-inbound":
    let rest = Array(arguments.dropFirst()), number = { (i: Int, d: Int) in Int(rest.dropFirst(i).first ?? "") ?? d }
    for line in try await InboundBench.postgres(url: rest[0], tasks: number(1, 64), first: number(3, 0), count: number(2, 20_000), instance: rest.dropFirst(4).first ?? "a") { print(line) }
case "inbound":
    let rest = Array(arguments.dropFirst()), number = { (i: Int, d: Int) in Int(rest.dropFirst(i).first ?? "") ?? d }
    for line in try await InboundBench.sqlite(path: rest[0], tasks: number(1, 64), count: number(2, 20_000)) { print(line) }
case "pg-reset":
    try await PostgresBenchDatabase.recreate(url: arguments.dropFirst().first ?? "")
case "pg-count":
    let rest = Array(arguments.dropFirst())
    print(try await PostgresBenchDatabase.count(url: rest[0], table: rest.dropFirst().first ?? "inbound_message"))
case "sum-runs":
    let rest = Array(arguments.dropFirst())
    let runs = try rest.dropFirst().flatMap { try String(contentsOfFile: $0, encoding: .utf8).split(separator: "\n").compactMap { InstanceRun(line: String($0)) } }
    print(InstanceRun.report(runs, unit: rest.first ?? "messages"))
case "bare":
    let port = Int(arguments.dropFirst().first ?? "") ?? 8099
    try await BareServer.run(port: port)
case "twilio-requests":
    let rest = Array(arguments.dropFirst())
    guard rest.count == 4, let count = Int(rest[0]) else {
        FileHandle.standardError.write(Data("usage: TocsinBench twilio-requests N URL TOKEN FILE\n".utf8))
        exit(2)
    }
    try TwilioRequestFile.write(count: count, url: rest[1], token: rest[2], path: rest[3])
default:
    FileHandle.standardError.write(Data("usage: TocsinBench classify|bare|twilio-requests ...\n".utf8))
    exit(2)
}

import Foundation
import Hummingbird
import TocsinCarriers

// `make bench` drives this executable through scripts/bench.sh:
//   TocsinBench classify KEYWORDS_DIR            classifier throughput beside its baselines
//   TocsinBench dispatch-seed DB N               N subscribers and one alert fanned out to them
//   TocsinBench dispatch DB OUTBOX KEYWORDS [STOPS]  dispatch rate with every gate on; STOP latency meanwhile
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

import Foundation

/// Runs the built `tocsin` CLI as a process, as staff run it (tests build it first: `swift build --build-tests`).
public enum CLIProcess {
    /// The debug binary of the CLI.
    public static let binary = Fixtures.repositoryRoot + "/.build/debug/tocsin"

    /// Runs `tocsin` with `arguments` and returns its exit status, standard output and standard error.
    public static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a chatty process never blocks on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

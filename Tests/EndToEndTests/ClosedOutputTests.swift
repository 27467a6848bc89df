import Foundation
import ResultsStore
import TestSupport
import Testing

/// Standard output that cannot be written (closed by the caller, or a pipe whose reader has
/// gone) stops the binary with status 1, on either store engine: never a trap. The
/// PostgreSQL client ignores SIGPIPE, so there a write failed inside Foundation's
/// `FileHandle.write`, whose `try!` killed the process with SIGILL.
struct ClosedOutputTests {
    static let pack = ["--pack", Fixture.root.path]

    /// Runs the binary with its standard output closed (the shell's `>&-`).
    static func runWithStdoutClosed(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, stderr: String) {
        try run(["/bin/sh", "-c", "exec \"$@\" >&-", "sh", try Binary.path()] + arguments, environment: environment, stdout: nil)
    }

    /// Runs the binary writing into a pipe nobody reads any more.
    static func runIntoAPipeWithoutReader(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, stderr: String) {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        return try run([try Binary.path()] + arguments, environment: environment, stdout: pipe)
    }

    static func run(_ command: [String], environment: [String: String], stdout: Pipe?) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = environment
        let stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        if let stdout { process.standardOutput = stdout }
        process.standardError = stderr
        try process.run()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // A signal (SIGILL from a trap, SIGPIPE) is not a clean exit, whatever its number.
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        return (process.terminationStatus, String(decoding: err, as: UTF8.self))
    }

    @Test(arguments: TestStores.engines)
    func aClosedStandardOutputStopsWithStatusOne(_ kind: StoreLocation.Kind) throws {
        let folder = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = Binary.environment(folder)
        let store = try TestStores.fresh(kind)
        let start = try Binary.run(["gameday", "start", "closed", "--scenarios", "silent-alias-upgrade", "--seed", "4", "--store", store.text] + Self.pack,
                                   environment: environment)
        #expect(start.status == 0, "\(start.stderr)")

        for arguments in [["store", "info", "--store", store.text], ["gameday", "board", "closed", "--store", store.text] + Self.pack] {
            let closed = try Self.runWithStdoutClosed(arguments, environment: environment)
            #expect(closed.status == 1, "\(arguments): \(closed.stderr)")
            #expect(closed.stderr == "nightshift: stopped: standard output cannot be written (Bad file descriptor)\n", "\(arguments)")

            // The reader went away on purpose (`| head`): status 1, and nothing to explain.
            let orphaned = try Self.runIntoAPipeWithoutReader(arguments, environment: environment)
            #expect(orphaned.status == 1, "\(arguments): \(orphaned.stderr)")
            #expect(orphaned.stderr.isEmpty, "\(arguments): \(orphaned.stderr)")
        }
    }
}

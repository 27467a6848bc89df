import Foundation
import TestSupport
import Testing

/// The built `nightshift` executable, run as a user would run it.
struct Binary {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Stopped by `run(timeout:)` after running that long: a hang, not an answer.
        var timedOut = false
    }

    /// The executable next to the test bundle in the build products folder (where `swift build`
    /// and `swift test` put every product), or `$NIGHTSHIFT_BINARY`.
    static func path() throws -> String {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["NIGHTSHIFT_BINARY"] { candidates.append(explicit) }
        var binaries = [Bundle.main.executablePath, CommandLine.arguments.first]
        if let selfPath = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { binaries.insert(selfPath, at: 0) }
        for binary in binaries.compactMap({ $0 }) {
            let url = URL(fileURLWithPath: binary).standardizedFileURL
            var folder = url.deletingLastPathComponent()
            if let bundle = url.pathComponents.lastIndex(where: { $0.hasSuffix(".xctest") }) {
                folder = url
                for _ in bundle..<url.pathComponents.count { folder.deleteLastPathComponent() }
            }
            candidates.append(folder.appendingPathComponent("nightshift").path)
        }
        candidates.append(Fixture.root.appendingPathComponent(".build/debug/nightshift").path)
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw Failure("the nightshift binary is missing; run `swift build` first. Looked in:\n" + candidates.joined(separator: "\n"))
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// A private data folder and a plain, colourless environment, as CI has.
    static func environment(_ data: URL, extra: [String: String] = [:]) -> [String: String] {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": data.path, "XDG_DATA_HOME": data.appendingPathComponent("xdg").path,
                           "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "COLUMNS": "100"]
        environment.merge(sanitizerOptions) { $1 }
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Under .ci/sanitize the binary is instrumented too and must get the same options
    /// (suppressions, leak checking) as the test process, or it fails its runs alone.
    static var sanitizerOptions: [String: String] {
        ProcessInfo.processInfo.environment.filter { ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"].contains($0.key) }
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nightshift-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Runs the binary with `arguments`, feeding `input` on stdin (a pipe, never a terminal).
    /// With `executable`, runs that program instead (a shell that sets limits, then execs the binary).
    /// With `timeout`, a run still going after that many seconds is stopped and marked: tests of
    /// hostile input fail such a case rather than hang, without asserting how long any took.
    static func run(_ arguments: [String], input: String = "", environment: [String: String], in folder: URL? = nil, timeout: Double? = nil,
                    executable: String? = nil) throws -> Run {
        let process = Process()
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        process.executableURL = URL(fileURLWithPath: try executable ?? path())
        process.arguments = arguments
        process.environment = environment
        if let folder { process.currentDirectoryURL = folder }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both streams while writing, so a large transcript cannot fill a pipe and stall.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        group.enter()
        DispatchQueue.global().async { out = stdout.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { err = stderr.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        var timedOut = false
        if let timeout, exited.wait(timeout: .now() + timeout) == .timedOut {
            // SIGKILL: a program stuck in a loop may be one that defers SIGTERM to a prompt.
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        group.wait()
        return Run(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self), timedOut: timedOut)
    }
}

/// A running `nightshift` fed line by line through a pipe, which a test can kill mid-session.
final class RunningBinary {
    let process = Process()
    private let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    /// Filled by the reader thread; read only after `reading` is done.
    private final class Collected: @unchecked Sendable { var data = Data() }
    private let collected = Collected()
    private let collectedErrors = Collected()
    private let reading = DispatchGroup()

    init(_ arguments: [String], environment: [String: String], in folder: URL? = nil) throws {
        process.executableURL = URL(fileURLWithPath: try Binary.path())
        process.arguments = arguments
        process.environment = environment
        if let folder { process.currentDirectoryURL = folder }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        reading.enter()
        DispatchQueue.global().async { [stdout, collected, reading] in
            collected.data = stdout.fileHandleForReading.readDataToEndOfFile()
            reading.leave()
        }
        reading.enter()
        DispatchQueue.global().async { [stderr, collectedErrors, reading] in
            collectedErrors.data = stderr.fileHandleForReading.readDataToEndOfFile()
            reading.leave()
        }
    }

    func send(_ lines: [String]) {
        stdin.fileHandleForWriting.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }

    /// Waits until `condition` holds (polling), or gives up after `seconds`.
    @discardableResult
    static func wait(seconds: Double = 60, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Text without a line break: a line half typed when the process dies.
    func sendRaw(_ text: String) {
        stdin.fileHandleForWriting.write(Data(text.utf8))
    }

    /// SIGKILL: no handler runs, nothing is flushed that was not already written.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? stdin.fileHandleForWriting.close()
        reading.wait()
    }

    /// Closes stdin and waits for the process to finish.
    func finish() -> (status: Int32, stdout: String) {
        let finished = finishWithErrors()
        return (finished.status, finished.stdout)
    }

    /// As `finish`, with what the process wrote to standard error.
    func finishWithErrors() -> (status: Int32, stdout: String, stderr: String) {
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        reading.wait()
        return (process.terminationStatus, String(decoding: collected.data, as: UTF8.self), String(decoding: collectedErrors.data, as: UTF8.self))
    }
}

extension Binary {
    /// The number of entries (lines after the header) a journal holds on disk right now.
    static func journalEntries(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        return max(0, String(decoding: data, as: UTF8.self).split(separator: "\n").count - 1)
    }

    /// Entries a journal holds on disk right now (whole lines after the header, a torn last
    /// line not counted) and how many of them are the trainee's inputs (commands, answers
    /// to questions, postmortem fields), which is where a resumed script carries on from.
    static func journalInputs(_ path: String) -> (entries: Int, inputs: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { return (0, 0) }
        var entries = 0, inputs = 0
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // empty after a final line break, or a torn line that recovery will cut
        for line in lines.dropFirst() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            entries += 1
            if let type = object["type"] as? String, ["command", "confirm", "form"].contains(type) { inputs += 1 }
        }
        return (entries, inputs)
    }
}

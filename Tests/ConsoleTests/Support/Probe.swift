import Foundation
import TestSupport
import Testing

/// Starts `ConsoleProbe` (Sources/ConsoleProbe) in a pseudo-terminal with a private
/// HOME and INPUTRC, so the user's own ~/.inputrc cannot change what the tests see.
struct Probe {
    /// A fresh folder for one test's HOME, inputrc, history file and trigger files.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("console-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // `$if nightshift` proves rl_readline_name is set before the inputrc is read.
        try """
            $if nightshift
            "\\C-xn": "from-inputrc"
            $endif

            """.write(to: inputrc, atomically: true, encoding: .utf8)
    }

    var inputrc: URL { folder.appendingPathComponent("inputrc") }
    var historyFile: URL { folder.appendingPathComponent("data/history") }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    var environment: [String: String] {
        [
            "HOME": folder.path,
            "INPUTRC": inputrc.path,
            "TERM": "xterm",
            "LC_ALL": "C.UTF-8",
            "PATH": "/usr/bin:/bin",
        ]
    }

    /// Starts the probe and waits for its first prompt.
    func start(_ arguments: [String] = ["--no-notify"], columns: Int = 80) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            executable: try Self.executable(), arguments: arguments, environment: environment, columns: columns)
        try terminal.expect("probe> ")
        return terminal
    }

    func removeFolder() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The ConsoleProbe binary: `$CONSOLE_PROBE` if set, else next to the test bundle in
    /// the build products folder (`swift build` puts every product there), else in
    /// `.build/debug` of this package.
    static func executable() throws -> String {
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["CONSOLE_PROBE"] {
            candidates.append(explicit)
        }
        var testBinaries = [Bundle.main.executablePath, CommandLine.arguments.first]
        if let selfPath = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            testBinaries.insert(selfPath, at: 0)
        }
        for binary in testBinaries.compactMap({ $0 }) {
            let url = URL(fileURLWithPath: binary).standardizedFileURL
            // On Linux the test bundle is one executable in the products folder; on
            // macOS the executable sits inside X.xctest/Contents/MacOS.
            var folder = url.deletingLastPathComponent()
            if let bundle = url.pathComponents.lastIndex(where: { $0.hasSuffix(".xctest") }) {
                folder = url
                for _ in bundle..<url.pathComponents.count { folder.deleteLastPathComponent() }
            }
            candidates.append(folder.appendingPathComponent("ConsoleProbe").path)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/ConsoleProbe").path)

        var seen = Set<String>()
        candidates = candidates.filter { seen.insert($0).inserted }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        throw PseudoTerminal.Failure(description: """
            ConsoleProbe is missing, so the end-to-end console tests cannot run. \
            Build it with `swift build --product ConsoleProbe` (plain `swift build` builds it too), \
            or set CONSOLE_PROBE to its path. Looked in:
            \(candidates.joined(separator: "\n"))
            """)
    }
}

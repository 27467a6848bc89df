import Foundation
import Simulation
import TestSupport
import Testing

/// Text nightshift did not write itself (a line piped in, a journal, a postmortem answer) is
/// printed with its control characters made visible: nothing the binary prints can move the
/// cursor, clear the screen, recolour the terminal or reorder what a reader sees.
struct VisibleOutputTests {
    static let hostile = "\u{1B}[2J\u{1B}[31mred\u{9B}1m\u{202E}"
    static let shown = "␛[2J␛[31mred⟨U+009B⟩1m⟨U+202E⟩"

    /// Every character `VisibleText` would replace, line breaks aside: none may be printed.
    static func hidden(_ text: String) -> [String] {
        text.unicodeScalars.compactMap { VisibleText.standIn(for: $0, keepingNewlines: true) }
    }

    @Test func pipedEchoPostmortemRefusalAndReplayShowControlCharacters() throws {
        let data = try Binary.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: data) }
        let journal = data.appendingPathComponent("hostile.jsonl").path
        // The postmortem's tenth answer must be an option id: a wrong one is quoted back.
        let postmortem = ["postmortem"] + Array(repeating: "x", count: 9) + [Self.hostile]
        let input = (["status" + Self.hostile] + postmortem).joined(separator: "\n") + "\n"
        let live = try Binary.run(["play", "silent-alias-upgrade", "--seed", "1", "--pack", Fixture.root.path, "--journal", journal],
                                  input: input, environment: Binary.environment(data))
        #expect(live.status == 0, "\(live.stderr)")
        #expect(Self.hidden(live.stdout).isEmpty, "\(Self.hidden(live.stdout))")
        #expect(live.stdout.contains("[02:47] on-call> status\(Self.shown)\n"), "the piped echo")
        #expect(live.stdout.contains("] postmortem> \(Self.shown)\n"), "the echoed answer")
        #expect(live.stdout.contains(" `\(Self.shown)` is not one of the options"), "the refusal")

        let replay = try Binary.run(["replay", journal, "--pack", Fixture.root.path], environment: Binary.environment(data))
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(Self.hidden(replay.stdout).isEmpty, "\(Self.hidden(replay.stdout))")
        #expect(replay.stdout.contains("[02:47] on-call> status\(Self.shown)\n"))
        #expect(replay.stdout.contains(" `\(Self.shown)` is not one of the options"))
    }
}

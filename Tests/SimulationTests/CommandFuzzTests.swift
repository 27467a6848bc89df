import ScenarioFormat
@testable import Simulation
import TestSupport
import Testing

/// Hostile command lines against running sessions: random bytes, control characters, broken
/// quotes, huge numbers, very long lines and every command with wrong arguments. Nothing
/// crashes, every line gets an answer, and the session stays consistent: replaying what was
/// typed gives the same state.
struct CommandFuzzTests {
    /// A deterministic generator: the same lines on every run and machine.
    struct Lines {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

        static let fragments = ["--where", "--by", "--window", "--limit", "--errors", "--evidence", "--region", "=", "!=", ">", "<", "and", "or", "not",
                                "(", ")", "\"", "'", "\\", "`", "$(", "${x}", "%s", "%n", "{{", "}}", "-", "--", "0", "-1", "1e308", "99999999999999999999999",
                                "NaN", "inf", "0x7fffffffffffffff", "-9223372036854775808", "30m", "0s", "-5m", "7d", "8d", "1h30m", "abc", "ünïcødé", "😀",
                                "\u{200B}", "\u{202E}", "a=b=c", "time<99:99", "time>-30m", "duration_ms>2000", "status=error", "gen_ai.response.model=x",
                                "chat-default", "support-api", "kb-prod-r2", "on", "off", "model", "prompt", "retrieval", "tool", "eval", "abuse", "infra"]

        /// One hostile line.
        mutating func line() -> String {
            switch below(10) {
            case 0: // Random bytes, decoded as a terminal would hand them over.
                let bytes = (0..<below(80)).map { _ in UInt8(truncatingIfNeeded: next()) }
                return String(decoding: bytes, as: UTF8.self)
            case 1: // Control characters and escapes.
                return String((0..<below(30)).map { _ in Character(Unicode.Scalar(UInt8(below(32))) ) }) + pick(["", "dash", "\u{1B}[2J", "\u{7F}"])
            case 2: // A very long line.
                return pick(CommandRegistry.names) + " " + String(repeating: pick(["a", "--where ", "\"", "x=1 and "]), count: 1000 + below(20_000))
            case 3: // Broken quoting.
                return pick(CommandRegistry.names) + " " + pick(["\"unterminated", "'half", "\"a\"b\"", "\\", "\"\\\"", "''''"])
            default: // Every command with arguments drawn from everything above.
                let words = (0..<below(6)).map { _ in pick(Self.fragments) }
                return ([pick(CommandRegistry.names)] + words).joined(separator: pick([" ", "  ", "\t", ""]))
            }
        }
    }

    @Test(arguments: ["silent-alias-upgrade", "leaked-key-llmjacking", "agent-wrong-recipients", "stale-eval-set"])
    func hostileLinesAreAllAnsweredAndTheSessionStaysConsistent(_ id: String) {
        var generator = Lines(state: StableHash.fnv1a(id))
        var session = Fixture.session(id)
        let count = 25_000  // four scenarios: 100,000 lines in all
        var typed: [String] = []
        var unanswered: [String] = []
        var previous = session.now
        for _ in 0..<count {
            // Now and then a real look or a real answer, so the session moves on and questions get asked.
            var line = generator.line()
            if generator.below(12) == 0 { line = generator.pick(["status", "dash overview", "postmortem", "quit", "n", "traces --limit 3", "wait 10m"]) }
            let screen = session.apply(SessionInput(.line(line), width: 20 + generator.below(400)))
            typed.append(line)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty, screen.allLines.isEmpty { unanswered.append(line) }
            #expect(session.now >= previous, "the clock went backwards after \(line.prefix(80))")
            previous = session.now
            if session.ended != nil { break }
        }
        #expect(unanswered.isEmpty, "\(unanswered.count) lines got no answer, such as \(unanswered.prefix(3).map { String($0.prefix(80)) })")
        #expect(typed.count > 1000, "the session ended after \(typed.count) lines")

        // Replaying the same lines from a fresh session gives the same state and the same status screen.
        var replayed = Fixture.session(id)
        for line in typed { _ = replayed.apply(SessionInput(.line(line), width: 100)) }
        #expect(replayed.now == session.now)
        #expect(replayed.record.commands.count == session.record.commands.count)
        #expect(replayed.record.evidenceSeen == session.record.evidenceSeen)
        if session.ended == nil {
            var left = session, right = replayed
            #expect(left.type("status") == right.type("status"))
        }
    }
}

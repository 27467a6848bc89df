@preconcurrency import CReadline
@preconcurrency import Glibc

/// The state readline's C callbacks read and write.
///
/// C function pointers cannot capture, so the callbacks reach the editor through
/// these globals. Readline itself is a process-wide singleton driven from the thread
/// that calls `LineEditor.readLine`, and so are they.
enum ReadlineBridge {
    nonisolated(unsafe) static var completer: (@Sendable (String, Int, Int) -> [String])?
    /// Set by `lineHandler` when readline has finished a line.
    nonisolated(unsafe) static var finished: LineInput?
    nonisolated(unsafe) private static var candidates: [String] = []
    nonisolated(unsafe) private static var nextCandidate = 0

    /// Readline calls this once a line is accepted (or with nil at end of input).
    static func lineHandler(_ line: UnsafeMutablePointer<CChar>?) {
        if let line {
            finished = .line(String(cString: line))  // repairs invalid UTF-8
            free(line)
        } else {
            finished = .endOfInput
        }
        // Removing the handler here stops readline from printing the prompt again
        // (it would, after this returns, for the next line).
        rl_callback_handler_remove()
    }

    /// `rl_attempted_completion_function`: the completer's words, or nothing (never filenames).
    static func attemptedCompletion(
        _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        guard let completer, let text else { return nil }
        let (line, wordStart, wordEnd) = currentLine(start: Int(start), end: Int(end))
        let words = matching(completer(line, wordStart, wordEnd), word: String(cString: text))
        guard !words.isEmpty else { return nil }
        // `--where region=` goes on with the value: no space after a word that ends in `=`.
        if words.count == 1, words[0].hasSuffix("=") { rl_completion_suppress_append = 1 }
        candidates = words
        nextCandidate = 0
        // rl_completion_matches works out the common prefix to insert; readline
        // then lists the candidates on a second Tab, as it does for any program.
        return rl_completion_matches(text) { _, state in
            if state == 0 { ReadlineBridge.nextCandidate = 0 }
            guard ReadlineBridge.nextCandidate < ReadlineBridge.candidates.count else { return nil }
            defer { ReadlineBridge.nextCandidate += 1 }
            return strdup(ReadlineBridge.candidates[ReadlineBridge.nextCandidate])
        }
    }

    /// The line being edited, with [start, end) as UTF-8 offsets into it. Invalid UTF-8
    /// is repaired piece by piece so the offsets still point at the same word.
    static func currentLine(start: Int, end: Int) -> (line: String, start: Int, end: Int) {
        guard let buffer = rl_line_buffer else { return ("", 0, 0) }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(max(rl_end, 0)))
        let start = min(max(start, 0), bytes.count)
        let end = min(max(end, start), bytes.count)
        let before = String(decoding: bytes[0..<start], as: UTF8.self)
        let word = String(decoding: bytes[start..<end], as: UTF8.self)
        let after = String(decoding: bytes[end...], as: UTF8.self)
        return (before + word + after, before.utf8.count, before.utf8.count + word.utf8.count)
    }

    /// The candidates that start with `word`, once each, in the completer's order.
    /// Honours `set completion-ignore-case on` from the inputrc.
    static func matching(_ candidates: [String], word: String) -> [String] {
        let ignoreCase = rl_variable_value("completion-ignore-case").map { String(cString: $0) } == "on"
        let prefix = ignoreCase ? word.lowercased() : word
        var seen = Set<String>()
        return candidates.filter { candidate in
            let key = ignoreCase ? candidate.lowercased() : candidate
            return key.hasPrefix(prefix) && seen.insert(candidate).inserted
        }
    }
}

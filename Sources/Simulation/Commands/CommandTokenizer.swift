/// Splits a command line into words the way a shell would: spaces separate, quotes group,
/// a backslash escapes. Hostile input gets a reason, never a crash.
enum CommandTokenizer {
    static let maximumLength = 4096

    enum Problem: Error, Equatable {
        case tooLong(Int)
        case controlCharacter(UInt32)
        case unterminatedQuote(Character)

        var message: String {
            switch self {
            case .tooLong(let length):
                return "That line is \(length) characters long; commands are at most \(CommandTokenizer.maximumLength). Nothing was run."
            case .controlCharacter(let value):
                let code = "0x" + String(value, radix: 16, uppercase: true)
                return "That line holds a control character (\(code)); type the command as plain text. Nothing was run."
            case .unterminatedQuote(let quote):
                return "Unterminated \(quote == "\"" ? "double" : "single") quote: close it with \(quote) and try again. Nothing was run."
            }
        }
    }

    static func split(_ line: String) -> Result<[String], Problem> {
        let length = line.unicodeScalars.count
        if length > maximumLength { return .failure(.tooLong(length)) }
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 {
                let value = scalar.value
                if value == 9 { // a tab separates like a space
                    if quote == nil && !escaped { if inWord { words.append(current); current = ""; inWord = false }; continue }
                } else if value < 0x20 || value == 0x7F || (0x80..<0xA0).contains(value) {
                    return .failure(.controlCharacter(value))
                }
            }
            if escaped { current.append(character); escaped = false; inWord = true; continue }
            if let open = quote {
                if character == open { quote = nil } else if character == "\\" && open == "\"" { escaped = true } else { current.append(character) }
                continue
            }
            switch character {
            case "\\": escaped = true; inWord = true
            case "\"", "'": quote = character; inWord = true
            case " ": if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(character); inWord = true
            }
        }
        if let quote { return .failure(.unterminatedQuote(quote)) }
        if escaped { current.append("\\") }
        if inWord { words.append(current) }
        return .success(words)
    }
}

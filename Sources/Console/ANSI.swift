import Simulation

/// One visual attribute of a text segment.
public enum ANSIStyle: Sendable, Hashable, CaseIterable {
    case plain, bold, dim, italic, underline, inverse, strikethrough
    case red, green, yellow, blue, magenta, cyan, white, gray
    case brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan
    case redBackground, greenBackground, yellowBackground, blueBackground, grayBackground

    /// The SGR parameter, or nil for `.plain`.
    var sgrCode: Int? {
        switch self {
        case .plain: nil
        case .bold: 1
        case .dim: 2
        case .italic: 3
        case .underline: 4
        case .inverse: 7
        case .strikethrough: 9
        case .red: 31
        case .green: 32
        case .yellow: 33
        case .blue: 34
        case .magenta: 35
        case .cyan: 36
        case .white: 37
        case .gray: 90
        case .brightRed: 91
        case .brightGreen: 92
        case .brightYellow: 93
        case .brightBlue: 94
        case .brightMagenta: 95
        case .brightCyan: 96
        case .redBackground: 41
        case .greenBackground: 42
        case .yellowBackground: 43
        case .blueBackground: 44
        case .grayBackground: 100
        }
    }
}

/// ANSI escape sequences for styled terminal output.
public enum ANSI {
    /// Renders styled segments; with `colour` off the result is the plain text.
    ///
    /// A segment is one line of text: every control character in it (line breaks and tabs
    /// included) is made visible by `VisibleText` before the styles are added, so the only
    /// escape sequences in the result are the ones added here: text from the outside world
    /// (a hostile command line echoed back, a store's rows, scenario data) can never move the
    /// cursor, recolour the terminal or start a line of its own.
    public static func render(_ segments: [(text: String, styles: [ANSIStyle])], colour: Bool) -> String {
        var out = ""
        for segment in segments {
            let text = VisibleText.of(segment.text)
            let codes = colour ? segment.styles.compactMap(\.sgrCode) : []
            if codes.isEmpty {
                out += text
            } else {
                out += "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m" + text + "\u{1B}[0m"
            }
        }
        return out
    }

    /// Renders one piece of text with the given styles.
    public static func render(_ text: String, _ styles: ANSIStyle..., colour: Bool) -> String {
        render([(text: text, styles: styles)], colour: colour)
    }

    /// The text with escape sequences (CSI and OSC) removed.
    public static func stripped(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                out.append(scalar)
                continue
            }
            switch scalars.next() {
            case "[":
                // CSI: parameters and intermediates, then one final byte in @...~.
                while let next = scalars.next(), !(0x40...0x7E).contains(next.value) {}
            case "]":
                // OSC: up to BEL or ESC \.
                while let next = scalars.next(), next != "\u{07}" {
                    if next == "\u{1B}" {
                        _ = scalars.next()
                        break
                    }
                }
            default:
                break  // a two-byte escape such as ESC = : both dropped
            }
        }
        return String(out)
    }

    /// How many terminal columns the text takes, ignoring escape sequences.
    /// Counts characters; East Asian wide characters are not measured.
    public static func visibleWidth(_ text: String) -> Int {
        stripped(text).count
    }
}

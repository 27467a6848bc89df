import ScenarioFormat

/// What one command shows: styled lines, the evidence ids of what was on them, and the
/// notifications (timeline events, owners' replies) that arrived while it ran.
public struct Screen: Sendable, Equatable {
    public var lines: [Line]
    /// Ids of every item shown (`trace:…`, `alias:…`, `attr:K=V`, `metric:…`), sorted.
    public var evidence: [EvidenceID]
    public var notifications: [Notification]

    public init(lines: [Line] = [], evidence: [EvidenceID] = [], notifications: [Notification] = []) {
        self.lines = lines
        self.evidence = evidence
        self.notifications = notifications
    }

    /// Plain text, lines joined by newlines, notifications after the output.
    public var plainText: String {
        (lines + notifications.flatMap(\.lines)).map(\.plainText).joined(separator: "\n")
    }

    public var allLines: [Line] { lines + notifications.flatMap(\.lines) }
}

/// One line of styled text.
public struct Line: Sendable, Equatable, ExpressibleByStringLiteral {
    public var segments: [Segment]

    public init(_ segments: [Segment]) { self.segments = segments }
    public init(_ text: String, _ style: Style = .plain) { self.segments = text.isEmpty ? [] : [Segment(text, style)] }
    public init(stringLiteral value: String) { self.init(value) }

    public static let blank = Line([])

    public var plainText: String { segments.map(\.text).joined() }
    public var width: Int { segments.reduce(0) { $0 + $1.text.displayWidth } }

    public static func + (lhs: Line, rhs: Line) -> Line { Line(lhs.segments + rhs.segments) }

    /// The line as one or more lines of at most `width` columns: words move to a continuation
    /// line (indented like the first) and keep their styles; a word longer than a line is cut.
    public func fitted(to width: Int, hangingIndent: Int? = nil) -> [Line] {
        guard self.width > width, width > 8 else { return [self] }
        let indent = plainText.prefix { $0 == " " }.count
        let continuation = String(repeating: " ", count: min(hangingIndent ?? indent + 2, width / 3))
        var lines: [Line] = []
        var current: [Segment] = []
        var used = 0
        func flush() {
            lines.append(Line(current))
            current = [Segment(continuation)]
            used = continuation.count
        }
        for segment in segments {
            // Split into words, keeping each word's leading spaces with it.
            var pieces: [String] = []
            var piece = ""
            for character in segment.text {
                if character == " ", !piece.isEmpty, piece.last != " " {
                    pieces.append(piece)
                    piece = ""
                }
                piece.append(character)
            }
            if !piece.isEmpty { pieces.append(piece) }
            for var word in pieces {
                var columns = word.displayWidth
                if used + columns > width, used > continuation.count || !lines.isEmpty && used > 0 {
                    flush()
                    word = String(word.drop { $0 == " " })
                    columns = word.displayWidth
                }
                if columns > width - used { word = word.truncated(to: width - used); columns = word.displayWidth }
                current.append(Segment(word, segment.style))
                used += columns
            }
        }
        if !current.isEmpty { lines.append(Line(current)) }
        return lines
    }
    public static func + (lhs: Line, rhs: Segment) -> Line { Line(lhs.segments + [rhs]) }
}

public struct Segment: Sendable, Equatable {
    public var text: String
    public var style: Style

    public init(_ text: String, _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// What a segment means; the console decides how that looks (or that it looks like nothing).
public enum Style: String, Sendable, Equatable, CaseIterable {
    case plain, bold, dim, heading, accent, good, bad, warning, page, id, spark, chrome
}

/// Something that happened between prompts.
public struct Notification: Sendable, Equatable {
    public var time: SimDuration
    public var from: String
    public var text: String
    public var lines: [Line]

    public init(time: SimDuration, from: String, text: String, lines: [Line]) {
        self.time = time
        self.from = from
        self.text = text
        self.lines = lines
    }
}

extension String {
    /// Columns on a terminal: wide (East Asian) characters take two, combining marks none, and
    /// a control character the width of the stand-in it is printed as (see `VisibleText`).
    public var displayWidth: Int {
        var width = 0
        for scalar in unicodeScalars {
            let value = scalar.value
            if let standIn = VisibleText.standInWidth(value) {
                width += standIn
                continue
            }
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark { continue }
            if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
                || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value) {
                width += 2
            } else {
                width += 1
            }
        }
        return width
    }

    /// Cut to at most `width` columns, ending in `…` when something was cut.
    public func truncated(to width: Int) -> String {
        guard displayWidth > width else { return self }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = "", used = 0
        for character in self {
            let w = String(character).displayWidth
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    public func padded(to width: Int, right: Bool = false) -> String {
        let gap = max(0, width - displayWidth)
        return right ? String(repeating: " ", count: gap) + self : self + String(repeating: " ", count: gap)
    }

    /// Words wrapped to `width` columns; long words are cut rather than overflowing.
    public func wrapped(to width: Int) -> [String] {
        let width = max(10, width)
        var lines: [String] = []
        for paragraph in split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                while word.displayWidth > width {
                    if !current.isEmpty { lines.append(current); current = "" }
                    lines.append(String(word.prefix(width)))
                    word = String(word.dropFirst(width))
                }
                if current.isEmpty { current = word } else if current.displayWidth + 1 + word.displayWidth <= width { current += " " + word } else {
                    lines.append(current)
                    current = word
                }
            }
            lines.append(current)
        }
        return lines
    }
}

/// The rule for every identifier a pack declares (scenario, service, replica, key and flag
/// ids…): they are typed at the prompt, cited as evidence and, for scenarios, become parts
/// of file names, so they must be words, not paths or escape sequences.
public enum Identifier {
    public static let maximumLength = 100

    /// Why `text` is not an identifier, or nil when it is one.
    public static func problem(_ text: String) -> String? {
        if text.isEmpty { return "it is empty" }
        if text.count > maximumLength { return "it is longer than \(maximumLength) characters" }
        for scalar in text.unicodeScalars {
            let allowed = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "." || scalar == "/" || scalar == ":"
            if !allowed { return scalar.value < 0x20 || scalar.value == 0x7F ? "it holds a control character" : "it holds `\(scalar)`" }
        }
        if text.hasPrefix("/") || text.hasPrefix(".") || text.hasPrefix("-") { return "it starts with `\(text.first!)`" }
        if text.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) {
            return "it holds an empty, `.` or `..` path step"
        }
        return nil
    }

    static func check(_ text: String, at location: SourceLocation, _ decoder: NodeDecoder) {
        if let reason = problem(text) { decoder.error(.notAnIdentifier(text.count > 60 ? String(text.prefix(60)) + "…" : text, reason: reason), at: location) }
    }
}

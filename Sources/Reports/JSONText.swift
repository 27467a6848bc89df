import Simulation

/// JSON that shows no invisible characters yet means exactly the same. `JSONEncoder` escapes
/// C0 controls in strings but writes DEL, C1 controls and bidi overrides as they are, which a
/// terminal may obey when the report is printed (`grade --format json`) or read with `cat`.
/// Those characters can only be inside strings, where `\uXXXX` is the same character, so
/// writing them escaped changes no value.
enum JSONText {
    static func escapingInvisibles(_ json: String) -> String {
        guard VisibleText.hasHidden(json, keepingNewlines: true) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            // C0 controls other than the layout's line breaks and indentation never reach here
            // raw: JSONEncoder escapes them inside strings and writes none outside.
            if scalar.value >= 0x7F, VisibleText.standIn(for: scalar) != nil {
                let hex = String(scalar.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

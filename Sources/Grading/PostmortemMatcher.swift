import ScenarioFormat

/// Compares a trainee's postmortem answers with the scenario's truth, with the tolerance a
/// human reviewer would show: case, order, punctuation, and a version written with or
/// without its alias do not matter; the identifiers that moved do.
public enum PostmortemMatcher {
    /// Lowercased words and identifiers (`support-v41`, `vendor-chat-2025-06-15`, `b-0312`).
    static func tokens(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || "-_./:".contains($0)) }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".:/")) }.filter { !$0.isEmpty }
    }

    /// Identifier-like tokens: they carry a digit, or a hyphen or underscore.
    static func identifiers(_ text: String) -> [String] {
        tokens(text).filter { $0.contains { $0.isNumber } || $0.contains("-") || $0.contains("_") }
    }

    /// Whether `answer` states the same fact as `truth`. `aliases` are names that may be left out.
    public static func factMatches(answer: String, truth: String, aliases: Set<String> = []) -> Bool {
        let said = answer.lowercased()
        let answerTokens = Set(tokens(answer))
        let truthText = truth.lowercased()
        if truthText.hasPrefix("unchanged") {
            // "unchanged" must be said; a value, if given, must be the one that held.
            guard answerTokens.contains("unchanged") || answerTokens.contains("same") else { return false }
            let named = Set(identifiers(answer)).subtracting(aliases)
            let held = identifiers(truth)
            return named.isEmpty || named.contains { name in held.contains { $0.contains(name) || name.contains($0) } }
        }
        if answerTokens.contains("unchanged") { return false }
        // What moved is named before any aside: "(was …)", "(zone)", "; …". Each of its
        // identifiers must appear in the answer; `kb-prod-r2` also names `kb-prod`.
        let moved = truthText.components(separatedBy: "(").first?.components(separatedBy: ";").first?
            .components(separatedBy: " was ").first ?? truthText
        let required = Set(identifiers(moved)).subtracting(aliases)
        if required.isEmpty {
            let words = Set(tokens(moved)).filter { $0.count > 3 }
            return !words.isEmpty && words.isSubset(of: answerTokens)
        }
        return required.allSatisfy { said.contains($0) }
    }

    /// Whether a comma- or space-separated list of surfaces names exactly these.
    public static func surfacesMatch(answer: String, truth: [String]) -> Bool {
        let named = Set(tokens(answer).filter { $0 != "none" && $0 != "and" })
        return named == Set(truth.map { $0.lowercased() })
    }
}

import Foundation

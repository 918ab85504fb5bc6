/// The word splitting and snippets shared by search implementations.
public enum SearchText {
    /// The lowercase words of `text`: runs of letters and digits (`_` splits words, so
    /// `fico_score` matches `fico` and `score`).
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { current.append(ch) } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Up to about 80 characters of `text` around the first word of `words` found, with that
    /// word marked by `[` `]`.
    public static func snippet(_ text: String, words: [String]) -> String {
        let lower = text.lowercased()
        for word in words {
            guard let range = lower.range(of: word) else { continue }
            let startOffset = max(0, lower.distance(from: lower.startIndex, to: range.lowerBound) - 30)
            let endOffset = min(lower.count, lower.distance(from: lower.startIndex, to: range.upperBound) + 40)
            let chars = Array(text)
            let matchStart = lower.distance(from: lower.startIndex, to: range.lowerBound)
            let matchEnd = lower.distance(from: lower.startIndex, to: range.upperBound)
            guard chars.count == lower.count else { break }
            return (startOffset > 0 ? "…" : "") + String(chars[startOffset..<matchStart]) + "[" + String(chars[matchStart..<matchEnd]) + "]"
                + String(chars[matchEnd..<endOffset]) + (endOffset < chars.count ? "…" : "")
        }
        return String(text.prefix(80))
    }
}

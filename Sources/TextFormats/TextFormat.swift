/// The text formats the mesh reads and writes.
public enum TextFormat: String, Sendable, Hashable, CaseIterable {
    /// Comma- (or tab-, semicolon-) separated values with a header row.
    case csv
    /// JSON Lines: one JSON object per line.
    case jsonl

    /// The format implied by a file name's extension (`.csv`, `.tsv`, `.txt` → CSV;
    /// `.jsonl`, `.ndjson`, `.json` → JSON Lines), or `nil` when unknown.
    public static func detect(path: String) -> TextFormat? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv", "tsv", "txt": return .csv
        case "jsonl", "ndjson", "json": return .jsonl
        default: return nil
        }
    }

    /// The delimiter implied by a file name: tab for `.tsv`, otherwise comma.
    public static func delimiter(forPath path: String) -> UInt8 {
        path.lowercased().hasSuffix(".tsv") ? UInt8(ascii: "\t") : UInt8(ascii: ",")
    }
}

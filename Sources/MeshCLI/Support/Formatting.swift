import Columnar
import Foundation
import TextFormats

/// Small text helpers shared by the commands.
enum Formatting {
    /// `12.3 MB`, `512 B`.
    static func bytes<I: BinaryInteger>(_ n: I) -> String {
        let v = Double(n)
        if v < 1024 { return "\(n) B" }
        if v < 1_048_576 { return String(format: "%.1f KiB", v / 1024) }
        if v < 1_073_741_824 { return String(format: "%.1f MiB", v / 1_048_576) }
        return String(format: "%.2f GiB", v / 1_073_741_824)
    }

    /// `1,234,567`.
    static func count<I: BinaryInteger>(_ n: I) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 && c != "-" { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    /// One value as the mesh prints it (JSON-lines conventions), via a one-row column.
    static func json(_ value: Value, type: DataType) -> String {
        var b = ColumnBuilder(type, nullable: true)
        guard (try? b.append(value)) != nil else { return JSON.quote("\(value)") }
        return ValueFormatter.json(b.finish(), row: 0)
    }

    /// One value as plain text (no JSON quoting).
    static func text(_ value: Value, type: DataType) -> String {
        var b = ColumnBuilder(type, nullable: true)
        guard (try? b.append(value)) != nil else { return "\(value)" }
        return ValueFormatter.text(b.finish(), row: 0) ?? "null"
    }

    /// Splits `a,b, c` into names.
    static func list(_ text: String?) -> [String]? {
        guard let text else { return nil }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal.
struct ProgressBar {
    let total: Int64?
    let label: String
    private var lastDrawn = -1
    private let enabled: Bool

    init(total: Int64?, label: String) {
        self.total = total
        self.label = label
        self.enabled = Console.stderrIsTerminal && (total ?? 0) > 8 << 20
    }

    /// Redraws when the percentage changed.
    mutating func update(_ done: Int64) {
        guard enabled, let total, total > 0 else { return }
        let percent = Int(min(100, done * 100 / total))
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% ".utf8))
    }

    /// Clears the line.
    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

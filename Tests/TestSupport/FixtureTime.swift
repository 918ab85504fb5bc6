import Foundation

/// Time for tests that publish the service fixtures (`Tests/MeshTests/Fixtures`), whose
/// contract promises a 24-hour freshness SLA: a publish is only accepted when its newest event
/// time is under a day old, so a fixed file with fixed timestamps goes stale as the calendar moves.
///
/// In-process tests pin the mesh's clock with ``now`` (the hour after the good file's newest
/// event); tests that run the `mesh` binary, which reads the real clock, publish ``recentCopy(of:in:)``.
public enum FixtureTime {
    /// 2026-11-21T13:00:00Z: an hour after the newest event in `service-transactions-good.csv`.
    public static let now = Date(timeIntervalSince1970: 1_795_266_000)

    /// A clock fixed at ``now``, for `MeshService.initialize/open/inMemory(now:)`.
    public static let clock: @Sendable () -> Date = { now }

    /// The date the fixtures' event times are on.
    public static let fixtureDate = "2026-11-21"

    /// The UTC date (`YYYY-MM-DD`) that replaces ``fixtureDate`` in ``recentCopy(of:in:)``: the day
    /// of twelve hours ago, so events at 00:00–12:00 on it are between 0 and 24 hours old now.
    public static var recentDate: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(-12 * 3600))
    }

    /// Writes `fixture` with every ``fixtureDate`` replaced by ``recentDate`` into `directory`
    /// and returns the copy's path.
    public static func recentCopy(of fixture: String, in directory: URL) throws -> String {
        let text = try String(contentsOfFile: fixture, encoding: .utf8).replacingOccurrences(of: fixtureDate, with: recentDate)
        let url = directory.appendingPathComponent("recent-" + URL(fileURLWithPath: fixture).lastPathComponent)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// An ISO-8601 UTC timestamp `hours` hours before now, on the whole hour.
    public static func hoursAgo(_ hours: Int) -> String {
        let now = Date().timeIntervalSince1970
        let instant = Date(timeIntervalSince1970: (now / 3600).rounded(.down) * 3600 - Double(hours) * 3600)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: instant)
    }
}

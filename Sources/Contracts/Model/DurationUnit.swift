/// A time unit as written in `slaProperties.unit` or a freshness check (`d`, `day`, `days`, `h`...).
public enum DurationUnit: String, Sendable, Hashable, CaseIterable, Codable {
    /// Seconds.
    case seconds
    /// Minutes.
    case minutes
    /// Hours.
    case hours
    /// Days.
    case days
    /// Weeks.
    case weeks
    /// Months (30 days).
    case months
    /// Years (365 days).
    case years

    /// Reads a unit name, case-insensitively, with the ODCS abbreviations (`d`, `day`, `days`,
    /// `y`, `yr`, `years`...).
    public init?(name: String) {
        switch name.lowercased() {
        case "s", "sec", "secs", "second", "seconds": self = .seconds
        case "m", "min", "mins", "minute", "minutes": self = .minutes
        case "h", "hr", "hrs", "hour", "hours": self = .hours
        case "d", "day", "days": self = .days
        case "w", "wk", "week", "weeks": self = .weeks
        case "mo", "mon", "month", "months": self = .months
        case "y", "yr", "yrs", "year", "years": self = .years
        default: return nil
        }
    }

    /// The length of one unit in seconds.
    public var seconds: Double {
        switch self {
        case .seconds: return 1
        case .minutes: return 60
        case .hours: return 3600
        case .days: return 86_400
        case .weeks: return 604_800
        case .months: return 2_592_000
        case .years: return 31_536_000
        }
    }

    /// The short name Meshwork writes (`s`, `m`, `h`, `d`, `w`, `mo`, `y`).
    public var canonicalName: String {
        switch self {
        case .seconds: return "s"
        case .minutes: return "m"
        case .hours: return "h"
        case .days: return "d"
        case .weeks: return "w"
        case .months: return "mo"
        case .years: return "y"
        }
    }
}

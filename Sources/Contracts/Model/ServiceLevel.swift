/// The SLA properties Meshwork interprets (names are case-insensitive; ODCS synonyms accepted).
public enum ServiceLevelKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Maximum age of the newest data (`latency`, `ly`, also `freshness`): lower is stricter.
    case latency
    /// How often data is updated (`frequency`, `fy`): a shorter interval is stricter.
    case frequency
    /// How long data is kept (`retention`, `re`): for consumers, shorter is weaker.
    case retention
    /// Time of day data is available (`timeOfAvailability`).
    case timeOfAvailability
    /// Availability percentage (`availability`, `av`): higher is stricter.
    case availability
    /// `generalAvailability` date.
    case generalAvailability
    /// `endOfSupport` date.
    case endOfSupport
    /// `endOfLife` date.
    case endOfLife
    /// `throughput`.
    case throughput
    /// `errorRate`.
    case errorRate
    /// `timeToDetect`.
    case timeToDetect
    /// `timeToNotify`.
    case timeToNotify
    /// `timeToRepair`.
    case timeToRepair

    /// Reads a property name or synonym.
    public init?(name: String) {
        let key = name.lowercased()
        let synonyms: [String: ServiceLevelKind] = [
            "latency": .latency, "ly": .latency, "freshness": .latency,
            "frequency": .frequency, "fy": .frequency,
            "retention": .retention, "re": .retention,
            "timeofavailability": .timeOfAvailability,
            "availability": .availability, "av": .availability,
            "generalavailability": .generalAvailability, "ga": .generalAvailability,
            "endofsupport": .endOfSupport, "es": .endOfSupport,
            "endoflife": .endOfLife, "el": .endOfLife,
            "throughput": .throughput, "th": .throughput,
            "errorrate": .errorRate, "er": .errorRate,
            "timetodetect": .timeToDetect, "td": .timeToDetect,
            "timetonotify": .timeToNotify, "tn": .timeToNotify,
            "timetorepair": .timeToRepair, "tr": .timeToRepair,
        ]
        guard let kind = synonyms[key] else { return nil }
        self = kind
    }

    /// True for kinds whose value is a duration (`value` + `unit`).
    public var isDuration: Bool {
        switch self {
        case .latency, .frequency, .retention, .timeToDetect, .timeToNotify, .timeToRepair: return true
        default: return false
        }
    }

    /// For comparable kinds: true when a smaller value is the stronger promise.
    public var smallerIsStricter: Bool? {
        switch self {
        case .latency, .frequency, .timeToDetect, .timeToNotify, .timeToRepair, .errorRate: return true
        case .retention, .availability, .throughput: return false
        default: return nil
        }
    }
}

/// One `slaProperties` entry.
public struct ServiceLevel: Sendable, Hashable {
    /// `property` as written (`latency`, `retention`...).
    public var property: String
    /// `value` (a number, a string such as `09:00-08:00`, or null).
    public var value: YAMLNode
    /// `unit` as written (`d`, `days`, `h`...).
    public var unitName: String?
    /// `element`: the `object.property` the SLA is measured on.
    public var element: String?
    /// `driver` (regulatory, analytics, operational).
    public var driver: String?
    /// `id`.
    public var id: String?
    /// `description`.
    public var description: String?
    /// The entry as it was read.
    public var source: YAMLNode

    /// Reads an entry (lenient; lint reports missing `property`/`value`).
    public init(node: YAMLNode) {
        source = node
        property = node["property"]?.string ?? ""
        value = node["value"] ?? .null
        unitName = node["unit"]?.string
        element = node["element"]?.string
        driver = node["driver"]?.string
        id = node["id"]?.string
        description = node["description"]?.string
    }

    /// A duration SLA, for building contracts in code.
    public init(_ kind: ServiceLevelKind, value: Double, unit: DurationUnit, element: String? = nil) {
        self.init(node: YAMLNode(.mapping([])))
        property = kind.rawValue
        self.value = .number(value)
        unitName = unit.canonicalName
        self.element = element
    }

    /// The interpreted kind, if Meshwork knows the property.
    public var kind: ServiceLevelKind? { ServiceLevelKind(name: property) }

    /// The unit, when readable.
    public var unit: DurationUnit? { unitName.flatMap(DurationUnit.init(name:)) }

    /// The numeric value, when it is a number (or a numeric string).
    public var number: Double? { value.double ?? value.string.flatMap(Double.init) }

    /// For duration kinds: the value in seconds (a missing unit means days, the ODCS examples' unit).
    public var seconds: Double? {
        guard kind?.isDuration == true, let number else { return nil }
        if unitName == nil { return number * DurationUnit.days.seconds }
        return unit.map { number * $0.seconds }
    }

    /// The entry as YAML.
    public func node() -> YAMLNode {
        var node = source
        node.set("id", string: id)
        node.set("property", requiredString: property)
        node.set("value", value)
        node.set("unit", string: unitName)
        node.set("element", string: element)
        node.set("driver", string: driver)
        node.set("description", string: description)
        return node
    }
}

extension Array where Element == ServiceLevel {
    /// The first entry of `kind`.
    public func first(_ kind: ServiceLevelKind) -> ServiceLevel? { first { $0.kind == kind } }
}

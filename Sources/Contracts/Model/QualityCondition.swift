/// An ODCS quality operator: how a measured value is compared with the expected one.
public enum QualityOperator: String, Sendable, Hashable, CaseIterable, Codable {
    /// `=`.
    case mustBe
    /// `≠`.
    case mustNotBe
    /// `>`.
    case mustBeGreaterThan
    /// `≥`.
    case mustBeGreaterOrEqualTo
    /// `<`.
    case mustBeLessThan
    /// `≤`.
    case mustBeLessOrEqualTo
    /// `∈ [a, b]` (inclusive, as datacontract-cli evaluates it).
    case mustBeBetween
    /// `∉ [a, b]`.
    case mustNotBeBetween

    /// True for the two operators that take a `[low, high]` pair.
    public var takesRange: Bool { self == .mustBeBetween || self == .mustNotBeBetween }
}

/// An operator with its expected value(s): the pass condition of a quality rule.
public enum QualityCondition: Sendable, Hashable, CustomStringConvertible {
    /// The value must equal the operand.
    case mustBe(Double)
    /// The value must differ from the operand.
    case mustNotBe(Double)
    /// The value must be greater than the operand.
    case mustBeGreaterThan(Double)
    /// The value must be at least the operand.
    case mustBeGreaterOrEqualTo(Double)
    /// The value must be less than the operand.
    case mustBeLessThan(Double)
    /// The value must be at most the operand.
    case mustBeLessOrEqualTo(Double)
    /// The value must lie in the closed range.
    case mustBeBetween(Double, Double)
    /// The value must lie outside the closed range.
    case mustNotBeBetween(Double, Double)

    /// Builds a condition from an operator and its operands (one, or two for ranges).
    public init?(_ op: QualityOperator, _ operands: [Double]) {
        switch (op, operands.count) {
        case (.mustBe, 1): self = .mustBe(operands[0])
        case (.mustNotBe, 1): self = .mustNotBe(operands[0])
        case (.mustBeGreaterThan, 1): self = .mustBeGreaterThan(operands[0])
        case (.mustBeGreaterOrEqualTo, 1): self = .mustBeGreaterOrEqualTo(operands[0])
        case (.mustBeLessThan, 1): self = .mustBeLessThan(operands[0])
        case (.mustBeLessOrEqualTo, 1): self = .mustBeLessOrEqualTo(operands[0])
        case (.mustBeBetween, 2): self = .mustBeBetween(operands[0], operands[1])
        case (.mustNotBeBetween, 2): self = .mustNotBeBetween(operands[0], operands[1])
        default: return nil
        }
    }

    /// Reads the single operator key of a rule mapping (`mustBe: 0`, `mustBeBetween: [1, 2]`).
    /// Nil when there is no operator or its operand is not numeric; lint reports why.
    public init?(in node: YAMLNode) {
        let present = QualityOperator.allCases.filter { node[$0.rawValue] != nil }
        guard present.count == 1, let op = present.first, let operand = node[op.rawValue] else { return nil }
        if op.takesRange {
            guard let items = operand.items, items.count == 2,
                  let a = items[0].double, let b = items[1].double else { return nil }
            self.init(op, [a, b])
        } else {
            guard let v = operand.double else { return nil }
            self.init(op, [v])
        }
    }

    /// The operator.
    public var op: QualityOperator {
        switch self {
        case .mustBe: return .mustBe
        case .mustNotBe: return .mustNotBe
        case .mustBeGreaterThan: return .mustBeGreaterThan
        case .mustBeGreaterOrEqualTo: return .mustBeGreaterOrEqualTo
        case .mustBeLessThan: return .mustBeLessThan
        case .mustBeLessOrEqualTo: return .mustBeLessOrEqualTo
        case .mustBeBetween: return .mustBeBetween
        case .mustNotBeBetween: return .mustNotBeBetween
        }
    }

    /// The operand(s) in written order.
    public var operands: [Double] {
        switch self {
        case .mustBe(let v), .mustNotBe(let v), .mustBeGreaterThan(let v), .mustBeGreaterOrEqualTo(let v),
             .mustBeLessThan(let v), .mustBeLessOrEqualTo(let v):
            return [v]
        case .mustBeBetween(let a, let b), .mustNotBeBetween(let a, let b):
            return [a, b]
        }
    }

    /// True when `value` passes.
    public func accepts(_ value: Double) -> Bool {
        switch self {
        case .mustBe(let v): return value == v
        case .mustNotBe(let v): return value != v
        case .mustBeGreaterThan(let v): return value > v
        case .mustBeGreaterOrEqualTo(let v): return value >= v
        case .mustBeLessThan(let v): return value < v
        case .mustBeLessOrEqualTo(let v): return value <= v
        case .mustBeBetween(let a, let b): return value >= min(a, b) && value <= max(a, b)
        case .mustNotBeBetween(let a, let b): return value < min(a, b) || value > max(a, b)
        }
    }

    /// The set of passing values as disjoint intervals, in increasing order.
    public var acceptedIntervals: [NumericInterval] {
        switch self {
        case .mustBe(let v): return [NumericInterval(v, true, v, true)]
        case .mustNotBe(let v): return [NumericInterval(-.infinity, false, v, false), NumericInterval(v, false, .infinity, false)]
        case .mustBeGreaterThan(let v): return [NumericInterval(v, false, .infinity, false)]
        case .mustBeGreaterOrEqualTo(let v): return [NumericInterval(v, true, .infinity, false)]
        case .mustBeLessThan(let v): return [NumericInterval(-.infinity, false, v, false)]
        case .mustBeLessOrEqualTo(let v): return [NumericInterval(-.infinity, false, v, true)]
        case .mustBeBetween(let a, let b): return [NumericInterval(min(a, b), true, max(a, b), true)]
        case .mustNotBeBetween(let a, let b):
            return [NumericInterval(-.infinity, false, min(a, b), false), NumericInterval(max(a, b), false, .infinity, false)]
        }
    }

    /// True when every value this condition accepts is also accepted by `other`, i.e. this
    /// condition is the same as or stricter than `other`.
    public func isAtLeastAsStrict(as other: QualityCondition) -> Bool {
        let mine = acceptedIntervals.filter { !$0.isEmpty }
        let theirs = other.acceptedIntervals
        return mine.allSatisfy { interval in theirs.contains { $0.contains(interval) } }
    }

    /// The condition as written in YAML (`mustBeBetween: [300, 850]`).
    public var yamlValue: YAMLNode {
        let ops = operands.map { YAMLNode.number($0) }
        return op.takesRange ? .sequence(ops) : ops[0]
    }

    public var description: String {
        func f(_ d: Double) -> String { d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d) }
        switch self {
        case .mustBe(let v): return "= \(f(v))"
        case .mustNotBe(let v): return "≠ \(f(v))"
        case .mustBeGreaterThan(let v): return "> \(f(v))"
        case .mustBeGreaterOrEqualTo(let v): return "≥ \(f(v))"
        case .mustBeLessThan(let v): return "< \(f(v))"
        case .mustBeLessOrEqualTo(let v): return "≤ \(f(v))"
        case .mustBeBetween(let a, let b): return "between \(f(a)) and \(f(b))"
        case .mustNotBeBetween(let a, let b): return "not between \(f(a)) and \(f(b))"
        }
    }
}

/// An interval of real numbers with open or closed ends (infinite ends are open).
public struct NumericInterval: Sendable, Hashable {
    /// The lower end.
    public var lower: Double
    /// Whether the lower end belongs to the interval.
    public var lowerClosed: Bool
    /// The upper end.
    public var upper: Double
    /// Whether the upper end belongs to the interval.
    public var upperClosed: Bool

    /// Creates an interval.
    public init(_ lower: Double, _ lowerClosed: Bool, _ upper: Double, _ upperClosed: Bool) {
        self.lower = lower
        self.lowerClosed = lowerClosed && lower.isFinite
        self.upper = upper
        self.upperClosed = upperClosed && upper.isFinite
    }

    /// True when no number lies in the interval.
    public var isEmpty: Bool { lower > upper || (lower == upper && !(lowerClosed && upperClosed)) }

    /// True when `other` lies wholly inside this interval.
    public func contains(_ other: NumericInterval) -> Bool {
        if other.isEmpty { return true }
        let lowOK = lower < other.lower || (lower == other.lower && (lowerClosed || !other.lowerClosed))
        let highOK = upper > other.upper || (upper == other.upper && (upperClosed || !other.upperClosed))
        return lowOK && highOK
    }

    /// True when `value` lies in the interval.
    public func contains(_ value: Double) -> Bool {
        (value > lower || (lowerClosed && value == lower)) && (value < upper || (upperClosed && value == upper))
    }
}

import Columnar
import Contracts
import Foundation

/// A test applied to every value of one or more columns during the data pass.
enum ValueTest: @unchecked Sendable {
    // @unchecked: NSRegularExpression is immutable after creation and documented thread-safe.
    /// Counts values (or value tuples) already seen.
    case duplicates
    /// Counts non-null values that are not among `allowed` (when given) or do not match
    /// `pattern` (when given; searched anywhere in the value's text, anchor with `^…$`).
    case invalid(allowed: ValueSet?, pattern: NSRegularExpression?)
    /// Counts values (nulls included when the set has null) that are among `missing`.
    case isIn(ValueSet)
    /// Counts non-null values outside the interval.
    case outside(minimum: Double?, maximum: Double?, exclusiveMinimum: Bool, exclusiveMaximum: Bool)
    /// Counts non-null values whose length is outside the bounds.
    case lengthOutside(minimum: Int?, maximum: Int?)
}

/// A set of contract values (`validValues`, `missingValues`, allowed glossary values) prepared for
/// fast lookup: numbers for numeric columns, text hashes for the others.
struct ValueSet: Sendable {
    let numbers: Set<Double>
    let textHashes: Set<UInt64>
    let hasNull: Bool
    let display: String

    init(_ values: [ScalarValue]) {
        var numbers = Set<Double>(), hashes = Set<UInt64>(), hasNull = false
        for v in values {
            switch v {
            case .null: hasNull = true
            default:
                if let n = v.number ?? v.text.flatMap(Double.init) { numbers.insert(n) }
                if let t = v.text { hashes.insert(CellReader.textHash(t)) }
            }
        }
        self.numbers = numbers
        self.textHashes = hashes
        self.hasNull = hasNull
        self.display = "[" + values.map(\.description).joined(separator: ", ") + "]"
    }

    func contains(_ reader: CellReader, _ i: Int) -> Bool {
        if reader.isNumeric { return reader.number(i).map(numbers.contains) ?? false }
        if case .bytes = reader.column.values, reader.column.type == .string { return textHashes.contains(reader.hash(i)) }
        return textHashes.contains(CellReader.textHash(reader.text(i)))
    }
}

/// The running result of one ``ValueTest`` over the data pass.
struct ValueScan: Sendable {
    /// Column indices the test reads (several for tuple duplicates).
    let columns: [Int]
    let test: ValueTest
    /// Values (rows, for tuples) examined.
    private(set) var checked = 0
    /// Values failing the test.
    private(set) var violations = 0
    /// Up to ``exampleLimit`` failing values, as text.
    private(set) var examples: [String] = []
    private var seen = HashSet64()
    private var verdicts: [UInt64: Bool] = [:]

    static let exampleLimit = 5

    init(columns: [Int], test: ValueTest) {
        self.columns = columns
        self.test = test
    }

    mutating func add(_ batch: RecordBatch) {
        let readers = columns.map { CellReader(batch.columns[$0]) }
        if columns.count > 1 {
            addTuples(readers, batch.count)
            return
        }
        let r = readers[0]
        switch test {
        case .duplicates:
            if case .int64(let b) = r.column.values, r.column.validity == nil {
                b.withUnsafeBufferPointer { p in
                    for (i, v) in p.enumerated() where !seen.insert(Hash64.hash(v)) { fail(r, i) }
                }
                checked += batch.count
                return
            }
            for i in 0..<batch.count where !r.isNull(i) {
                checked += 1
                if !seen.insert(r.hash(i)) { fail(r, i) }
            }
        case .isIn(let set):
            for i in 0..<batch.count {
                checked += 1
                if r.isNull(i) { if set.hasNull { fail(r, i) }; continue }
                if set.contains(r, i) { fail(r, i) }
            }
        case .invalid(let allowed, let pattern):
            for i in 0..<batch.count where !r.isNull(i) {
                checked += 1
                if let allowed, !allowed.contains(r, i) { fail(r, i); continue }
                guard let pattern else { continue }
                let key = r.hash(i)
                let matches: Bool
                if let known = verdicts[key] { matches = known } else {
                    let text = r.text(i)
                    matches = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                    verdicts[key] = matches
                }
                if !matches { fail(r, i) }
            }
        case .outside(let lo, let hi, let exLo, let exHi):
            for i in 0..<batch.count where !r.isNull(i) {
                guard let v = r.number(i), !v.isNaN else { continue }
                checked += 1
                var bad = false
                if let lo { bad = exLo ? v <= lo : v < lo }
                if let hi, !bad { bad = exHi ? v >= hi : v > hi }
                if bad { fail(r, i) }
            }
        case .lengthOutside(let lo, let hi):
            for i in 0..<batch.count where !r.isNull(i) {
                guard let n = r.length(i) else { continue }
                checked += 1
                if let lo, n < lo { fail(r, i) } else if let hi, n > hi { fail(r, i) }
            }
        }
    }

    private mutating func addTuples(_ readers: [CellReader], _ rows: Int) {
        for i in 0..<rows {
            checked += 1
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for r in readers {
                let cell = r.isNull(i) ? 0x6E75_6C6C : r.hash(i)
                h = (h ^ cell) &* 0x100_0000_01B3 ^ (h >> 31)
                h = Hash64.hash(Int64(bitPattern: h))
            }
            if !seen.insert(h) {
                violations += 1
                if examples.count < Self.exampleLimit {
                    examples.append("(" + readers.map { $0.isNull(i) ? "null" : $0.text(i) }.joined(separator: ", ") + ")")
                }
            }
        }
    }

    @inline(__always)
    private mutating func fail(_ r: CellReader, _ i: Int) {
        violations += 1
        if examples.count < Self.exampleLimit {
            let text = r.isNull(i) ? "null" : r.text(i)
            if !examples.contains(text) { examples.append(text) }
        }
    }
}

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
    private var seen = PartitionedHashSet64()
    private var verdicts = VerdictCache()

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
        let n = batch.count
        // One tight loop per test, with the test's payload bound outside the loop.
        let needsHashes: Bool
        switch test {
        case .duplicates, .isIn, .invalid: needsHashes = true
        default: needsHashes = false
        }
        let hashes = needsHashes ? Self.hashes(r.column) : []
        let validity = r.column.validity
        switch test {
        case .duplicates:
            var rows: [Int32] = []
            rows.reserveCapacity(n)
            Self.withValidity(validity) { valid in
                for i in 0..<n where valid?[i] ?? true { rows.append(Int32(truncatingIfNeeded: i)) }
            }
            checked += rows.count
            let repeated = hashes.withUnsafeBufferPointer { seen.insert($0, rows: rows) }
            for i in repeated { fail(r, Int(i)) }
        case .isIn(let set):
            Self.withValidity(validity) { valid in
                hashes.withUnsafeBufferPointer { h in
                    for i in 0..<n {
                        checked += 1
                        if let valid, !valid[i] {
                            if set.hasNull { fail(r, i) }
                            continue
                        }
                        if verdicts.verdict(h[i], { set.contains(r, i) }) { fail(r, i) }
                    }
                }
            }
        case .invalid(let allowed, let pattern):
            Self.withValidity(validity) { valid in
                hashes.withUnsafeBufferPointer { h in
                    for i in 0..<n {
                        if let valid, !valid[i] { continue }
                        checked += 1
                        if !verdicts.verdict(h[i], { Self.isValid(r, i, allowed, pattern) }) { fail(r, i) }
                    }
                }
            }
        case .outside(let lo, let hi, let exLo, let exHi):
            let low = lo ?? -.infinity, high = hi ?? .infinity
            for i in 0..<n where !r.isNull(i) {
                guard let v = r.number(i), !v.isNaN else { continue }
                checked += 1
                let bad = (exLo ? v <= low : v < low) || (exHi ? v >= high : v > high)
                if bad { fail(r, i) }
            }
        case .lengthOutside(let lo, let hi):
            for i in 0..<n where !r.isNull(i) {
                guard let length = r.length(i) else { continue }
                checked += 1
                if let lo, length < lo { fail(r, i) } else if let hi, length > hi { fail(r, i) }
            }
        }
    }

    static func withValidity(_ validity: Buffer<Bool>?, _ body: (UnsafeBufferPointer<Bool>?) -> Void) {
        if let validity { validity.withUnsafeBufferPointer { body($0) } } else { body(nil) }
    }

    /// Whether a non-null value is among `allowed` (when given) and matches `pattern` (when given).
    static func isValid(_ r: CellReader, _ i: Int, _ allowed: ValueSet?, _ pattern: NSRegularExpression?) -> Bool {
        if let allowed, !allowed.contains(r, i) { return false }
        guard let pattern else { return true }
        let text = r.text(i)
        return pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// One identity hash per row (nulls hash as 0; callers skip them), in tight loops per type.
    static func hashes(_ column: Column) -> [UInt64] {
        let n = column.count
        var out = [UInt64](repeating: 0, count: n)
        out.withUnsafeMutableBufferPointer { o in
            switch column.values {
            case .bytes(let v):
                v.offsets.withUnsafeBufferPointer { offsets in
                    v.data.withUnsafeBufferPointer { data in
                        let raw = UnsafeRawBufferPointer(data)
                        for i in 0..<n { o[i] = Hash64.hash(UnsafeRawBufferPointer(rebasing: raw[offsets[i]..<offsets[i + 1]])) }
                    }
                }
            case .int64(let b): b.withUnsafeBufferPointer { p in for i in 0..<n { o[i] = Hash64.hash(p[i]) } }
            case .int32(let b): b.withUnsafeBufferPointer { p in for i in 0..<n { o[i] = Hash64.hash(Int64(p[i])) } }
            case .double(let b): b.withUnsafeBufferPointer { p in for i in 0..<n { o[i] = Hash64.hash(p[i]) } }
            case .float(let b): b.withUnsafeBufferPointer { p in for i in 0..<n { o[i] = Hash64.hash(Double(p[i])) } }
            case .boolean(let b): b.withUnsafeBufferPointer { p in for i in 0..<n { o[i] = Hash64.hash(Int64(p[i] ? 1 : 0)) } }
            case .decimal(let b):
                b.withUnsafeBufferPointer { p in
                    for i in 0..<n { o[i] = Hash64.hash(Int64(truncatingIfNeeded: p[i])) ^ (Hash64.hash(Int64(truncatingIfNeeded: p[i] >> 64)) &* 31) }
                }
            case .fixed, .list:
                let r = CellReader(column)
                for i in 0..<n where !r.isNull(i) { o[i] = r.hash(i) }
            }
        }
        return out
    }

    private mutating func addTuples(_ readers: [CellReader], _ rows: Int) {
        var hashes = [UInt64](repeating: 0, count: rows)
        for i in 0..<rows {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for r in readers {
                let cell = r.isNull(i) ? 0x6E75_6C6C : r.hash(i)
                h = (h ^ cell) &* 0x100_0000_01B3 ^ (h >> 31)
                h = Hash64.hash(Int64(bitPattern: h))
            }
            hashes[i] = h
        }
        checked += rows
        let repeated = hashes.withUnsafeBufferPointer { seen.insert($0, rows: (0..<rows).map { Int32(truncatingIfNeeded: $0) }) }
        for i in repeated.map({ Int($0) }) {
            violations += 1
            if examples.count < Self.exampleLimit {
                examples.append("(" + readers.map { $0.isNull(i) ? "null" : $0.text(i) }.joined(separator: ", ") + ")")
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

import Columnar
import Testing
@testable import Parquet

/// Flat nullable columns are spread over their slots page by page as they decode, and
/// 1-bit definition levels unpack eight at a time: both checked against simple references.
@Suite("Null spreading and 1-bit levels")
struct NullSpreadTests {
    /// Random levels (0 or 1) with runs of each kind and scattered nulls.
    static func levels(_ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        var out: [UInt8] = []
        while out.count < count {
            switch rng.next() % 4 {
            case 0: out += [UInt8](repeating: 0, count: Int(rng.next() % 20))
            case 1: out += [UInt8](repeating: 1, count: Int(rng.next() % 50))
            default: out.append(rng.next() % 10 == 0 ? 0 : 1)
            }
        }
        return Array(out.prefix(count))
    }

    /// `dense` spread over `levels` by walking them front to back.
    static func reference<T>(_ dense: [T], _ levels: [UInt8], zero: T) -> [T] {
        var k = 0
        return levels.map { l in
            guard l == 1 else { return zero }
            defer { k += 1 }
            return dense[k]
        }
    }

    @Test("every physical type spreads like the front-to-back reference", arguments: [0, 1, 7, 8, 9, 100, 1000])
    func spreadsEveryType(count: Int) {
        for seed in 0..<4 as Range<UInt64> {
            let levels = Self.levels(count, seed: seed &+ UInt64(count))
            let present = levels.filter { $0 == 1 }.count
            let prefix = 3 // values of an earlier page, left untouched
            levels.withUnsafeBufferPointer { l in
                var ints = DecodedValues(physical: .int64, width: 0)
                ints.ints64 = [-1, -2, -3] + (0..<present).map { Int64($0) + 10 }
                ints.spread(from: prefix, levels: l, present: 1)
                #expect(ints.ints64 == [-1, -2, -3] + Self.reference((0..<present).map { Int64($0) + 10 }, levels, zero: 0))

                var bools = DecodedValues(physical: .boolean, width: 0)
                bools.bools = [true, true, true] + (0..<present).map { $0 % 3 != 0 }
                bools.spread(from: prefix, levels: l, present: 1)
                #expect(bools.bools == [true, true, true] + Self.reference((0..<present).map { $0 % 3 != 0 }, levels, zero: false))

                var doubles = DecodedValues(physical: .double, width: 0)
                doubles.doubles = [1, 2, 3] + (0..<present).map { Double($0) / 4 }
                doubles.spread(from: prefix, levels: l, present: 1)
                #expect(doubles.doubles == [1, 2, 3] + Self.reference((0..<present).map { Double($0) / 4 }, levels, zero: 0))

                // Byte arrays: value k is k % 4 bytes long; a null is an empty value.
                let words = (0..<present).map { k in [UInt8](repeating: UInt8(k & 0xFF), count: k % 4) }
                var bytes = DecodedValues(physical: .byteArray, width: 0)
                for w in [[9], [], [8, 8]] + words as [[UInt8]] {
                    bytes.data += w
                    bytes.offsets.append(bytes.data.count)
                }
                bytes.spread(from: prefix, levels: l, present: 1)
                let expectedWords = [[9], [], [8, 8]] + Self.reference(words, levels, zero: [])
                #expect(bytes.offsets.count == expectedWords.count + 1)
                #expect((0..<expectedWords.count).map { Array(bytes.data[bytes.offsets[$0]..<bytes.offsets[$0 + 1]]) } == expectedWords)

                // Fixed width 3: a null is three zero bytes.
                let fixed = (0..<present).map { k in [UInt8(k & 0xFF), 1, 2] }
                var fixedValues = DecodedValues(physical: .fixedLenByteArray, width: 3)
                fixedValues.data = [7, 7, 7, 6, 6, 6, 5, 5, 5] + fixed.flatMap { $0 }
                fixedValues.spread(from: prefix, levels: l, present: 1)
                #expect(fixedValues.data == [7, 7, 7, 6, 6, 6, 5, 5, 5] + Self.reference(fixed, levels, zero: [0, 0, 0]).flatMap { $0 })
            }
        }
    }

    @Test("1-bit levels decode into bytes like the general unpacker", arguments: [0, 1, 7, 8, 9, 63, 64, 65, 1000, 4099])
    func oneBitLevels(count: Int) throws {
        let levels = Self.levels(count, seed: UInt64(count))
        var encoded: [UInt8] = []
        levels.map(UInt32.init).withUnsafeBufferPointer { RleHybrid.encode($0, bitWidth: 1, into: &encoded) }
        let (bytes, words) = try withBytes(encoded) { (p) throws(ParquetError) -> ([UInt8], [UInt32]) in
            var r1 = ByteReader(p), r2 = ByteReader(p)
            var bytes: [UInt8] = [5] // appends after existing levels
            var words: [UInt32] = []
            try RleHybrid.decode(&r1, bitWidth: 1, count: count, into: &bytes)
            try RleHybrid.decode(&r2, bitWidth: 1, count: count, into: &words)
            return (bytes, words)
        }
        #expect(bytes == [5] + levels)
        #expect(words.map(UInt8.init) == levels)
    }

    @Test("a final bit-packed group cut short still decodes the levels it covers")
    func truncatedFinalGroup() throws {
        // One bit-packed run declaring 2 groups (16 values) but holding 1 byte: 5 values wanted.
        let decoded = try withBytes([0x05, 0b1011_0101]) { (p) throws(ParquetError) -> [UInt8] in
            var r = ByteReader(p)
            var out: [UInt8] = []
            try RleHybrid.decode(&r, bitWidth: 1, count: 5, into: &out)
            return out
        }
        #expect(decoded == [1, 0, 1, 0, 1])
    }

    @Test("nullable columns of every type read back with nulls in place, over many pages and row groups",
          arguments: [DataPageVersion.v1, .v2])
    func readsBack(version: DataPageVersion) throws {
        let schema = Schema(TestData.allTypes.map { Field($0.0, $0.1, nullable: true) })
        let batches = (0..<3).map { TestData.batch(schema, rows: 700, seed: 40 + UInt64($0), nullRate: [0.0, 0.3, 0.95][$0]) }
        let options = ParquetWriterOptions(codec: .snappy, rowGroupSize: 16 << 10, pageSize: 512, dictionaryPageSizeLimit: 512, dataPageVersion: version)
        let (read, _) = try TestData.roundTrip(batches, schema: schema, options: options)
        let expected = TestData.rows(batches)
        #expect(read.count == expected.count)
        #expect((0..<read.count).allSatisfy { read.row($0) == expected[$0] })
        for column in read.columns { #expect(column.validity != nil) }
    }
}

import Foundation
import Testing
import Codecs

/// Prints compression and decompression throughput on 64 MiB of mixed data in 1 MiB pages.
///
/// Only a measurement, never an assertion on time; it runs when `MESH_BENCHMARK=1`, and its
/// figures mean something only in a release build:
/// `MESH_BENCHMARK=1 swift test -c release --filter CodecThroughputTests`.
@Suite("Codec throughput", .enabled(if: ProcessInfo.processInfo.environment["MESH_BENCHMARK"] == "1"))
struct CodecThroughputTests {
    static let pageSize = 1 << 20
    static let data = TestData.mixed(64 << 20, seed: 99)

    /// The best of `repeats` runs of `body`, in MB/s over `bytes`.
    static func throughput(bytes: Int, repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        var best = Duration.seconds(1_000_000)
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try body()
            best = min(best, ContinuousClock.now - start)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        return Double(bytes) / seconds / 1e6
    }

    @Test("snappy and gzip on 64 MiB of mixed data", arguments: [CompressionCodec.snappy, .gzip])
    func measure(_ codec: CompressionCodec) throws {
        let data = Self.data, page = Self.pageSize
        var pages: [[UInt8]] = []
        let compressSpeed = Self.throughput(bytes: data.count, repeats: codec == .gzip ? 1 : 3) {
            pages = stride(from: 0, to: data.count, by: page).map { start in
                data[start..<start + page].withUnsafeBytes { bytes in
                    var output: [UInt8] = []
                    codec.compress(bytes, into: &output)
                    return output
                }
            }
        }
        var restored: [UInt8] = []
        let decompressSpeed = try Self.throughput(bytes: data.count) {
            restored = []
            restored.reserveCapacity(data.count)
            for compressed in pages { restored += try codec.decompress(compressed, uncompressedSize: page) }
        }
        #expect(restored == data)
        let ratio = Double(pages.reduce(0) { $0 + $1.count }) / Double(data.count)
        print("\(codec.rawValue): compress \(Int(compressSpeed)) MB/s, decompress \(Int(decompressSpeed)) MB/s, ratio \(ratio)")
    }
}

import Codecs
import Foundation

/// Compression and decompression throughput of our codecs against cramjam (the Rust/C codecs
/// Python users have) on the same 64 MiB of mixed data, in 1 MiB pages like Parquet pages.
struct CodecBenchmark {
    let repeats: Int
    static let pageSize = 1 << 20

    /// Deterministic mixed data: text lines, little-endian int64 runs and random bytes.
    static func mixedData(_ size: Int) -> [UInt8] {
        var rng = BenchmarkTable.SplitMix(state: 99)
        var out: [UInt8] = []
        out.reserveCapacity(size)
        let words = ["payments", "fraud", "customer", "merchant", "settled", "EUR", "USD", "online", "contactless", "2026-11-21"]
        while out.count < size {
            switch rng.next() % 3 {
            case 0:
                for _ in 0..<200 { out += Array((words[Int(rng.next() % 10)] + (rng.next() % 4 == 0 ? "\n" : " ")).utf8) }
            case 1:
                var v = Int64(rng.next() % 1_000_000)
                for _ in 0..<512 { v += Int64(rng.next() % 16); withUnsafeBytes(of: v.littleEndian) { out += $0 } }
            default:
                for _ in 0..<256 { out.append(UInt8(truncatingIfNeeded: rng.next())) }
            }
        }
        return Array(out.prefix(size))
    }

    func run() throws {
        let data = Self.mixedData(64 << 20)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("meshbench-codecs-\(getpid()).bin")
        try Data(data).write(to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let peerJSON = try Measure.python("Benchmarks/python/codec_peer.py", [scratch.path, String(Self.pageSize), String(repeats)])
        guard let peer = try JSONSerialization.jsonObject(with: Data(peerJSON.utf8)) as? [String: [String: Double]] else {
            throw BenchError("unexpected output from the cramjam peer: \(peerJSON)")
        }
        print("Codec benchmark: 64 MiB of mixed data in 1 MiB pages, best of \(repeats); MB/s of uncompressed data (higher is better)")
        print("codec     meshwork compress / decompress / ratio      cramjam compress / decompress / ratio")
        for codec in [CompressionCodec.snappy, .gzip, .zstd] {
            var pages: [[UInt8]] = []
            let compress = Measure.best(codec == .gzip ? 1 : repeats) {
                pages = stride(from: 0, to: data.count, by: Self.pageSize).map { start in
                    data[start..<start + Self.pageSize].withUnsafeBytes { bytes in
                        var output: [UInt8] = []
                        codec.compress(bytes, into: &output)
                        return output
                    }
                }
            }
            var restored: [UInt8] = []
            let decompress = try Measure.best(repeats) {
                restored = []
                restored.reserveCapacity(data.count)
                for page in pages { restored += try codec.decompress(page, uncompressedSize: Self.pageSize) }
            }
            guard restored == data else { throw BenchError("\(codec.rawValue) round trip differs") }
            let ratio = Double(pages.reduce(0) { $0 + $1.count }) / Double(data.count)
            let mb = Double(data.count) / 1e6
            let p = peer[codec.rawValue] ?? [:]
            print(codec.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + String(format: "%8.0f / %8.0f / %.3f            %8.0f / %8.0f / %.3f",
                           mb / compress, mb / decompress, ratio,
                           mb / (p["compress"] ?? .nan), mb / (p["decompress"] ?? .nan), p["ratio"] ?? .nan))
        }
    }
}

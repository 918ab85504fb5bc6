import Foundation
import Testing
import TestSupport
import Codecs

/// Live interop with Python: cramjam (Rust `snap` and `flate2`) and CPython's zlib-based
/// `gzip`/`zlib` decode what we compress, and we decode what they compress.
@Suite("Python interop")
struct CodecInteropTests {
    /// Inputs of several sizes and kinds, named by file stem.
    static let inputs: [(name: String, bytes: [UInt8])] = [
        ("empty", []),
        ("one", [0x7F]),
        ("random-100", TestData.random(100, seed: 51)),
        ("text-65536", TestData.text(65_536, seed: 52)),
        ("mixed-65537", TestData.mixed(65_537, seed: 53)),
        ("random-300000", TestData.random(300_000, seed: 54)),
        ("mixed-1100000", TestData.mixed(1_100_000, seed: 55)),
        ("repetitive-200000", TestData.repetitive(200_000)),
    ]

    /// Checks our files and writes Python's: for each `<name>.bin`, verifies `<name>.ours.*`
    /// and writes `<name>.py.*` (plus cramjam's own gzip and raw deflate).
    static let script = #"""
import gzip, pathlib, sys, zlib
import cramjam

directory = pathlib.Path(sys.argv[1])
for original_path in sorted(directory.glob("*.bin")):
    name = original_path.stem
    original = original_path.read_bytes()
    def ours(suffix):
        return (directory / f"{name}.ours.{suffix}").read_bytes()
    checks = {
        "snappy (cramjam)": bytes(cramjam.snappy.decompress_raw(ours("snappy"))),
        "gzip (CPython)": gzip.decompress(ours("gz")),
        "gzip (cramjam)": bytes(cramjam.gzip.decompress(ours("gz"))),
        "zlib (CPython)": zlib.decompress(ours("zlib")),
        "deflate (CPython)": zlib.decompress(ours("deflate"), wbits=-15),
        "deflate (cramjam)": bytes(cramjam.deflate.decompress(ours("deflate"))),
    }
    for label, decoded in checks.items():
        if decoded != original:
            sys.exit(f"{name}: {label} decoded {len(decoded)} bytes that differ from the {len(original)}-byte original")
    outputs = {
        "snappy": bytes(cramjam.snappy.compress_raw(original)),
        "gz": gzip.compress(original, mtime=0),
        "cramjam.gz": bytes(cramjam.gzip.compress(original)),
        "zlib": zlib.compress(original),
        "deflate": bytes(cramjam.deflate.compress(original)),
    }
    for suffix, data in outputs.items():
        (directory / f"{name}.py.{suffix}").write_bytes(data)
    print("ok", name)
"""#

    @Test("cramjam and CPython decode our streams; we decode theirs", .enabled(if: Interop.enabled(["cramjam"])))
    func roundTripThroughPython() throws {
        let directory = Interop.temporaryDirectory("codecs-interop")
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ bytes: [UInt8], _ file: String) throws {
            try Data(bytes).write(to: directory.appendingPathComponent(file))
        }
        func read(_ file: String) throws -> [UInt8] {
            try Array(Data(contentsOf: directory.appendingPathComponent(file)))
        }
        for (name, bytes) in Self.inputs {
            try write(bytes, "\(name).bin")
            try write(Snappy.compress(bytes), "\(name).ours.snappy")
            try write(Gzip.compress(bytes), "\(name).ours.gz")
            try write(Zlib.compress(bytes), "\(name).ours.zlib")
            try write(Deflate.compress(bytes), "\(name).ours.deflate")
        }
        let output = try Interop.runPython(Self.script, [directory.path])
        #expect(output.split(separator: "\n").count == Self.inputs.count)

        for (name, bytes) in Self.inputs {
            #expect(try Snappy.decompress(read("\(name).py.snappy"), limit: bytes.count) == bytes, "\(name) snappy")
            #expect(try Gzip.decompress(read("\(name).py.gz"), limit: bytes.count) == bytes, "\(name) gzip")
            #expect(try Gzip.decompress(read("\(name).py.cramjam.gz"), limit: bytes.count) == bytes, "\(name) cramjam gzip")
            #expect(try Zlib.decompress(read("\(name).py.zlib"), limit: bytes.count) == bytes, "\(name) zlib")
            #expect(try Deflate.decompress(read("\(name).py.deflate"), limit: bytes.count) == bytes, "\(name) deflate")
        }
    }

    @Test("Arrow's C++ snappy and gzip decoders read our streams", .enabled(if: Interop.enabled(["pyarrow"])))
    func arrowDecodesOurs() throws {
        let directory = Interop.temporaryDirectory("codecs-arrow")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, bytes) in Self.inputs where !bytes.isEmpty {
            try Data(bytes).write(to: directory.appendingPathComponent("\(name).bin"))
            try Data(Snappy.compress(bytes)).write(to: directory.appendingPathComponent("\(name).ours.snappy"))
            try Data(Gzip.compress(bytes)).write(to: directory.appendingPathComponent("\(name).ours.gz"))
        }
        let script = #"""
import pathlib, sys
import pyarrow as pa

directory = pathlib.Path(sys.argv[1])
for original_path in sorted(directory.glob("*.bin")):
    original = original_path.read_bytes()
    for suffix, codec in [("snappy", "snappy"), ("gz", "gzip")]:
        data = (directory / f"{original_path.stem}.ours.{suffix}").read_bytes()
        decoded = pa.decompress(data, decompressed_size=len(original), codec=codec, asbytes=True)
        if decoded != original:
            sys.exit(f"{original_path.stem}: Arrow's {codec} decoder disagrees")
    print("ok", original_path.stem)
"""#
        let output = try Interop.runPython(script, [directory.path])
        #expect(output.split(separator: "\n").count == Self.inputs.count - 1)
    }
}

import Testing
@testable import Codecs

/// Every frame header descriptor combination, built by hand and decoded.
@Suite("Zstd frame headers")
struct ZstdFrameHeaderTests {
    struct Descriptor: CustomStringConvertible, Sendable {
        var contentSizeFlag: Int
        var singleSegment: Bool
        var checksum: Bool
        var dictionaryFlag: Int
        var description: String {
            "FCS flag \(contentSizeFlag), single segment \(singleSegment), checksum \(checksum), DID flag \(dictionaryFlag)"
        }
    }

    static let all: [Descriptor] = (0..<4).flatMap { fcs in
        [false, true].flatMap { single in
            [false, true].flatMap { checksum in
                (0..<4).map { Descriptor(contentSizeFlag: fcs, singleSegment: single, checksum: checksum, dictionaryFlag: $0) }
            }
        }
    }

    /// A frame holding `content` (≥ 100 bytes) as one raw block and one RLE block.
    static func frame(_ d: Descriptor, content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
        out.append(UInt8(d.contentSizeFlag << 6 | (d.singleSegment ? 0x20 : 0) | (d.checksum ? 0x04 : 0) | d.dictionaryFlag))
        if !d.singleSegment { out.append(0x00) }  // 1 KiB window
        out += [UInt8](repeating: 0, count: [0, 1, 2, 4][d.dictionaryFlag])  // dictionary id 0
        let size = content.count
        switch (d.contentSizeFlag, d.singleSegment) {
        case (0, true): out.append(UInt8(size))
        case (1, _): out += [UInt8((size - 256) & 0xFF), UInt8((size - 256) >> 8)]
        case (2, _): out += (0..<4).map { UInt8((size >> (8 * $0)) & 0xFF) }
        case (3, _): out += (0..<8).map { UInt8((size >> (8 * $0)) & 0xFF) }
        default: break
        }
        out += ZstdEncoder.blockHeader(last: false, type: 0, size: 100) + content[0..<100]
        out += ZstdEncoder.blockHeader(last: true, type: 1, size: size - 100) + [content[100]]
        if d.checksum {
            let hash = content.withUnsafeBytes { XXHash64.hash($0) }
            out += (0..<4).map { UInt8((hash >> UInt64(8 * $0)) & 0xFF) }
        }
        return out
    }

    @Test("each descriptor combination decodes", arguments: all)
    func decodes(_ d: Descriptor) throws {
        let size = d.contentSizeFlag == 0 && d.singleSegment ? 200 : 300
        let content = (0..<100).map { UInt8($0 * 7 & 0xFF) } + [UInt8](repeating: 0x5A, count: size - 100)
        let frame = Self.frame(d, content: content)
        let (output, features) = try frame.withUnsafeBytes { try Zstd.decompressReportingFeatures($0, limit: size) }
        #expect(output == content)
        #expect(features.contains(.noContentSize) == (d.contentSizeFlag == 0 && !d.singleSegment))
        #expect(features.contains(.windowDescriptor) == !d.singleSegment)
        #expect(features.contains(.contentChecksum) == d.checksum)
        // Two copies back to back are two frames.
        let twice = try (frame + frame).withUnsafeBytes { try Zstd.decompress($0, limit: 2 * size) }
        #expect(twice == content + content)
    }

    @Test("a declared content size that disagrees with the blocks is rejected")
    func contentSizeMismatch() {
        let d = Descriptor(contentSizeFlag: 2, singleSegment: false, checksum: false, dictionaryFlag: 0)
        var frame = Self.frame(d, content: [UInt8](repeating: 1, count: 300))
        frame[6] = 0x2D  // declare 301 bytes
        #expect(throws: CodecError.self) { try frame.withUnsafeBytes { try Zstd.decompress($0, limit: 1000) } }
        frame[6] = 0x2B  // declare 299 bytes
        #expect(throws: CodecError.self) { try frame.withUnsafeBytes { try Zstd.decompress($0, limit: 1000) } }
    }

    /// A frame with a 1 KiB window: `content` as raw blocks, then a compressed block holding
    /// one literal 0x41 and one 4-byte match `offset` back.
    static func windowFrame(content: [UInt8], offset: Int) -> [UInt8] {
        var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x00, 0x00]
        frame += ZstdEncoder.blockHeader(last: false, type: 0, size: 600) + content[0..<600]
        frame += ZstdEncoder.blockHeader(last: false, type: 0, size: content.count - 600) + content[600...]
        var repeats = (1, 4, 8)
        let block: [UInt8] = [0x08, 0x41] + ZstdSequencesWriter.section(
            [ZstdMatcher.Sequence(literalLength: 1, matchLength: 4, offset: offset)], repeats: &repeats)
        frame += ZstdEncoder.blockHeader(last: true, type: 2, size: block.count) + block
        return frame
    }

    @Test("window descriptor: back-references beyond the window are rejected")
    func windowLimit() throws {
        let content = (0..<1100).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 3) }
        let outside = Self.windowFrame(content: content, offset: 1028)
        do {
            _ = try ZstdHostileInputTests.decode(outside, limit: 5000)
            Issue.record("offset beyond the window decoded")
        } catch {
            #expect(error.kind == .corrupt && error.message.contains("window"), "\(error)")
        }
        let inside = Self.windowFrame(content: content, offset: 1000)
        let out = try inside.withUnsafeBytes { try Zstd.decompress($0, limit: 5000) }
        // After the literal, output length is 1101: the match starts 1000 back, at byte 101.
        #expect(out == content + [0x41] + Array(content[101..<105]))
    }
}

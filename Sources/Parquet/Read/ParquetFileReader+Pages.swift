/// One page of a column chunk: where it starts and its decoded header.
public struct PageInfo: Sendable, Hashable {
    /// The file offset of the page header.
    public var offset: Int
    /// The size of the header in bytes.
    public var headerSize: Int
    /// The decoded header (type, sizes, value count, encodings, statistics).
    public var header: PageHeader
}

extension ParquetFileReader {
    /// Lists the pages of the chunk of leaf `leaf` in row group `rowGroup` (for inspection).
    ///
    /// Reads the chunk's bytes and decodes every page header, but no values.
    public func pages(rowGroup: Int, leaf: Int) throws(ParquetError) -> [PageInfo] {
        do throws(ParquetError) {
            let meta = try chunkMetadata(rowGroup: rowGroup, leaf: leaf)
            let start = meta.startOffset, length = meta.totalCompressedSize
            guard start >= 4, length >= 0, start <= Int64(footerOffset), length <= Int64(footerOffset) - start else {
                throw ParquetError(.corruptMetadata, "chunk range \(start) + \(length) lies outside the data region 4..<\(footerOffset)")
            }
            let bytes = try source.read(offset: Int(start), count: Int(length))
            var out: [PageInfo] = []
            var position = 0
            while position < bytes.count {
                var r = CompactReader(bytes, position: position, base: Int(start))
                let header = try PageHeader.read(&r)
                let stored = Int(header.compressedPageSize)
                guard stored >= 0, stored <= bytes.count - r.position else {
                    throw ParquetError(.truncated, "page claims \(stored) stored bytes but the chunk has \(bytes.count - r.position) left",
                                       offset: Int(start) + position)
                }
                out.append(PageInfo(offset: Int(start) + position, headerSize: r.position - position, header: header))
                position = r.position + stored
            }
            return out
        } catch {
            throw error.with(column: leaves.indices.contains(leaf) ? leaves[leaf].dottedPath : nil, rowGroup: rowGroup)
        }
    }
}

import Codecs

extension ColumnChunkDecoder {
    /// Decompresses the pages of chunk `bytes` concurrently, ahead of decoding, keyed by the
    /// position in `bytes` of the stored bytes each came from.
    ///
    /// Used when fewer columns are read than there are cores, so a lone column's pages do not
    /// decompress on one core. The walk only trusts what it can bound-check and stops at the
    /// first doubtful header; every page left out (or failing here) is decompressed again by
    /// ``decode(_:into:concurrentPages:)``, which validates everything and reports the errors.
    ///
    /// Walks at most `pages` pages from the page header at `start`, `remaining` values being
    /// left in the chunk: a small window keeps few decompressed pages alive at once.
    func prefetch(_ bytes: [UInt8], codec: CompressionCodec, from start: Int, pages: Int, remaining: Int64) -> [Int: [UInt8]] {
        guard codec != .uncompressed, remaining > 0 else { return [:] }
        let uncompressedCap = min(Self.maxPageSize, meta.totalUncompressedSize > 0 ? Int(clamping: meta.totalUncompressedSize) : Self.maxPageSize)
        var jobs: [(start: Int, count: Int, size: Int)] = []
        var position = start
        var read: Int64 = 0
        walk: while read < remaining && position < bytes.count && jobs.count < pages {
            var r = CompactReader(bytes, position: position, base: base)
            guard let header = try? PageHeader.read(&r) else { break }
            position = r.position
            let stored = Int(header.compressedPageSize), size = Int(header.uncompressedPageSize)
            guard stored >= 0, stored <= bytes.count - position, size >= 0, size <= uncompressedCap else { break }
            switch header.type {
            case .dictionaryPage:
                jobs.append((position, stored, size))
            case .dataPage:
                guard let n = header.dataPageHeader?.numValues, n > 0 else { break walk }
                jobs.append((position, stored, size))
                read += Int64(n)
            case .dataPageV2:
                guard let h = header.dataPageHeaderV2, h.numValues > 0 else { break walk }
                let levels = Int(h.repetitionLevelsByteLength) + Int(h.definitionLevelsByteLength)
                guard h.repetitionLevelsByteLength >= 0, h.definitionLevelsByteLength >= 0, levels <= stored, levels <= size else { break walk }
                if h.isCompressed { jobs.append((position + levels, stored - levels, size - levels)) }
                read += Int64(h.numValues)
            default:
                break
            }
            position += stored
        }
        guard jobs.count > 1 else { return [:] }
        let pages = (try? ParallelMap.map(jobs.count) { (i) -> [UInt8]? in
            let job = jobs[i]
            return try? decompress(bytes[job.start..<(job.start + job.count)], codec: codec, size: job.size)
        }) ?? []
        var out: [Int: [UInt8]] = [:]
        for (job, page) in zip(jobs, pages) {
            if let page { out[job.start] = page }
        }
        return out
    }
}

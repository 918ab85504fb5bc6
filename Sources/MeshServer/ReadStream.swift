import Catalog
import Foundation
import Governance
import Hummingbird
import Mesh
import Parquet
import TextFormats

/// Streams an allowed read as JSON lines, CSV or Parquet: each batch is read and rendered on
/// NIO's thread pool and written to the response as it is ready.
final class ReadStream: @unchecked Sendable {
    // @unchecked: the read and its writer are touched only by the one response-writing task,
    // one step at a time (each step awaited before the next), never concurrently.

    /// The formats a read answers in.
    enum Format: String, CaseIterable {
        case jsonl, csv, parquet

        var contentType: String {
            switch self {
            case .jsonl: "application/x-ndjson"
            case .csv: "text/csv"
            case .parquet: "application/vnd.apache.parquet"
            }
        }
    }

    /// Bytes rendered since the last ``take()``.
    final class Chunks: TextOutput {
        var bytes: [UInt8] = []
        func write(_ bytes: UnsafeRawBufferPointer) throws(TextFormatError) { self.bytes.append(contentsOf: bytes) }
        func take() -> [UInt8] { defer { bytes = [] }; return bytes }
    }

    /// ``Chunks`` as a Parquet writer's sink.
    final class ParquetChunks: ParquetSink {
        let chunks: Chunks
        init(_ chunks: Chunks) { self.chunks = chunks }
        func write(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) { chunks.bytes.append(contentsOf: bytes) }
        func finish() throws(ParquetError) {}
    }

    enum Writer {
        case jsonl(JSONLinesWriter)
        case csv(CSVWriter)
        case parquet(ParquetWriter)
    }

    var read: ProductRead
    var writer: Writer
    let chunks: Chunks
    /// Set once the last bytes were rendered.
    private(set) var finished = false

    init(read: ProductRead, format: Format) throws {
        self.read = read
        let chunks = Chunks()
        self.chunks = chunks
        let schema = read.reader.schema
        writer = switch format {
        case .jsonl: .jsonl(JSONLinesWriter(output: chunks, schema: schema, bufferSize: 1 << 16))
        case .csv: .csv(CSVWriter(output: chunks, schema: schema, bufferSize: 1 << 16))
        case .parquet: .parquet(try ParquetWriter(schema: schema, sink: ParquetChunks(chunks)))
        }
    }

    /// Renders the next batch, or the end of the output (then ``finished`` is set).
    func next() throws -> [UInt8] {
        do {
            if let batch = try read.reader.next() {
                switch writer {
                case .jsonl(var w): try w.write(batch); writer = .jsonl(w)
                case .csv(var w): try w.write(batch); writer = .csv(w)
                case .parquet(let w): try w.write(batch)
                }
                return chunks.take()
            }
            switch writer {
            case .jsonl(var w): try w.finish(); writer = .jsonl(w)
            case .csv(var w): try w.finish(); writer = .csv(w)
            case .parquet(let w): _ = try w.close()
            }
            finished = true
            return chunks.take()
        } catch let error as MeshError {
            throw error
        } catch {
            throw MeshError(.storage, "cannot render the rows: \(error)")
        }
    }

    /// The response: the decisions and version in headers, the rows streamed.
    static func response(_ read: ProductRead, format: Format) throws -> Response {
        let decisions = (read.decision?.columns ?? []).filter { $0.action != .show }
        let stream = try ReadStream(read: read, format: format)
        var headers: HTTPFields = [.contentType: format.contentType]
        headers[.init("Mesh-Version")!] = String(read.version.version)
        headers[.init("Mesh-Read-Decisions")!] = String(decoding: try APIHandler.encoder().encode(decisions), as: UTF8.self)
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            while !stream.finished {
                let bytes = try await APIHandler.run { try stream.next() }
                if !bytes.isEmpty { try await writer.write(ByteBuffer(bytes: bytes)) }
            }
            try await writer.finish(nil)
        })
    }
}

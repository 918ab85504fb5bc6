import Columnar
import Contracts
import Foundation
import Iceberg
import Quality

/// The contract-gated publish (write–audit–publish) of a data product version.
///
/// One pass over the inputs: each batch, coerced to the contract's types, goes both into the
/// ``Quality/ContractEvaluator`` (profile, every check, policy) and into a
/// ``Iceberg/DataFileWriter``; nothing holds more than a batch and the open data files, so an
/// input larger than memory publishes. Then:
/// - **accepted** (no error-severity check failed): the data files are committed to a staging
///   branch `publish-<tag>-<time>-<random>` made from main's head, and one commit fast-forwards
///   `main` to it, tags it `request.tag` and removes the branch. When another publish moved
///   `main` in between, the same files are staged again on the new head (a few times at most);
/// - **rejected**: the files are deleted; nothing was committed, so the table's metadata and
///   files are exactly as before.
///
/// Unreadable input throws ``MeshError/Kind/invalidInput`` naming file, line or row and column,
/// and leaves nothing behind.
public struct PublishPipeline: Sendable {
    /// The encoded size at which data files roll; `nil` takes the table's `write.target-file-size-bytes` (512 MiB default).
    public var targetFileSize: Int?
    /// Rows per batch read from the inputs.
    public var batchSize: Int
    /// Input bytes between two progress reports.
    public var progressInterval: Int64
    /// How often an accepted publish is staged again when concurrent publishes keep moving `main`.
    public var maxAttempts: Int
    /// The age after which a leftover staging branch or unreferenced publish file counts as
    /// abandoned (see ``cleanStaleBranches(table:now:)``).
    public var staleAfter: TimeInterval

    /// Creates a pipeline with the default settings.
    public init() {
        self.init(targetFileSize: nil)
    }

    /// Creates a pipeline with explicit settings.
    public init(targetFileSize: Int?, batchSize: Int = 65_536, progressInterval: Int64 = 4 << 20, maxAttempts: Int = 8,
                staleAfter: TimeInterval = 3600) {
        self.targetFileSize = targetFileSize
        self.batchSize = max(1, batchSize)
        self.progressInterval = max(1, progressInterval)
        self.maxAttempts = max(1, maxAttempts)
        self.staleAfter = staleAfter
    }

    /// Streams the inputs into new data files, coerced to the contract's types, profiling and checking
    /// them in the same pass; when accepted, commits the files to a staging branch and, in one commit,
    /// fast-forwards `main` to it, tags it (`request.tag`) and removes the branch; when rejected, deletes
    /// the files without having committed anything (the table is exactly as before).
    /// Throws MeshError(.invalidInput) naming file/row/column for unreadable input (nothing left behind);
    /// a rejection by checks is NOT thrown: it is `accepted == false` with the report.
    public func run(_ request: PublishRequest, table: inout Table) throws(MeshError) -> PublishOutcome {
        try validate(request)
        try Self.iceberg { () throws(IcebergError) in try table.refresh() }
        if table.metadata.refs[request.tag] != nil {
            throw MeshError(.conflict, "version '\(request.tag)' already exists; publish under a new version tag", context: request.tag)
        }
        guard let object = request.contract.object(named: request.objectName) else {
            throw MeshError(.invalidInput, "the contract has no schema object '\(request.objectName)' (have: \(request.contract.schema.map(\.name).joined(separator: ", ")))",
                            context: request.objectName)
        }
        let tableSchema = try Self.iceberg { () throws(IcebergError) -> Schema in
            guard let schema = table.metadata.currentSchema else {
                throw IcebergError(.invalidMetadata, "the table has no current schema", context: table.metadataLocation)
            }
            return try schema.columnarSchema()
        }
        let schema = try PublishSchema(object: object, table: tableSchema, objectName: request.objectName)
        var options = request.options
        options.object = request.objectName
        var evaluator: ContractEvaluator
        do { evaluator = try ContractEvaluator(contract: request.contract, schema: schema.read, options: options) } catch {
            throw MeshError(.invalidInput, error.message, context: error.column.map { "\(request.objectName).\($0)" } ?? request.objectName)
        }

        let id = Self.publishID(now: Date())
        var writer = try Self.iceberg { () throws(IcebergError) in
            try table.dataFileWriter(targetFileSize: targetFileSize, fileNamePrefix: "publish-\(id)-")
        }
        // Three stages overlap: parsing (a prefetch thread per input), checking (here) and
        // encoding (the sink's thread).
        let background = BackgroundSink(PublishSink(schema: schema, writer: writer))
        var streamError: MeshError?
        do { try stream(request, schema: schema, evaluator: &evaluator, sink: background) } catch { streamError = error }
        var (sink, writeError) = background.finish()
        if let error = streamError ?? writeError {
            sink.writer.abort()
            throw error
        }
        writer = sink.writer
        let written = sink.writtenLocations
        let report = evaluator.finish()
        let profile = report.profile
        let previousRows = Self.totalRows(table.metadata.currentSnapshot)
        if report.blocking {
            writer.abort()
            return PublishOutcome(accepted: false, report: report, profile: profile, snapshotID: nil, addedRows: sink.rows,
                                  totalRows: previousRows, newestEventTime: profile.newestEventTime, dataFiles: written)
        }
        if let column = sink.requiredNulls {
            writer.abort()
            throw MeshError(.invalidInput, "column '\(column)' is required by the table but the input has nulls in it", context: column)
        }
        let files: [DataFile]
        do { files = try writer.finish() } catch {
            writer.abort()
            throw Self.meshError(error)
        }
        let snapshot = try stageAndPublish(files, mode: request.mode, tag: request.tag, branch: "publish-\(request.tag)-\(id)", table: &table)
        return PublishOutcome(accepted: true, report: report, profile: profile, snapshotID: snapshot.snapshotID, addedRows: sink.rows,
                              totalRows: Self.totalRows(snapshot), newestEventTime: profile.newestEventTime, dataFiles: files.map(\.filePath))
    }

    /// Reads every input into the evaluator and the data file writer, reporting progress.
    func stream(_ request: PublishRequest, schema: PublishSchema, evaluator: inout ContractEvaluator, sink: BackgroundSink) throws(MeshError) {
        // Every input is checked (format, existence) before any is read; each is opened when its turn comes.
        var total: Int64 = 0
        for input in request.inputs { total += try PublishInputReader.inspect(input).size }
        var done: Int64 = 0
        var lastReport: Int64 = 0
        var rows: Int64 = 0
        for input in request.inputs {
            // Parsing runs a couple of batches ahead on its own thread while this one checks and encodes.
            let reader = BatchPrefetcher(try PublishInputReader(input, schema: schema, batchSize: batchSize))
            defer { reader.cancel() }
            var fileRows: Int64 = 0
            while let batch = try reader.next() {
                do { try evaluator.add(batch) } catch {
                    throw MeshError(.invalidInput, error.message, context: "\(reader.path)" + (error.column.map { ", column '\($0)'" } ?? ""))
                }
                try sink.submit(batch, file: reader.path, firstRow: fileRows)
                fileRows += Int64(batch.count)
                rows += Int64(batch.count)
                let read = done + reader.bytesRead
                if let progress = request.progress, read - lastReport >= progressInterval {
                    lastReport = read
                    progress(PublishProgress(bytesRead: read, totalBytes: total, rows: rows))
                }
            }
            done += reader.size
            lastReport = done
            request.progress?(PublishProgress(bytesRead: done, totalBytes: total, rows: rows))
        }
    }

    /// Commits `files` to a fresh staging branch on main's head and publishes it; restages when
    /// a concurrent publish moved `main`. On failure the branch and the files are removed.
    func stageAndPublish(_ files: [DataFile], mode: PublishMode, tag: String, branch: String, table: inout Table) throws(MeshError) -> Snapshot {
        var attempt = 0
        while true {
            attempt += 1
            do {
                // Two commits: the staged snapshot on a new branch grown from main's head, then
                // main fast-forwarded to it with the version's tag.
                switch mode {
                case .append: try table.append(files: files, branch: branch, createBranch: true)
                case .overwrite: try table.overwrite(files: files, branch: branch, createBranch: true)
                }
                return try table.publish(branch: branch, tag: tag)
            } catch {
                try? table.refresh()
                if table.metadata.refs[branch] != nil { try? table.removeRef(branch) }
                if error.kind == .commitConflict, attempt < maxAttempts { continue }
                Self.delete(files, from: table.store)
                if error.kind == .alreadyExists {
                    throw MeshError(.conflict, "version '\(tag)' was published concurrently by another writer; publish under a new version tag", context: tag)
                }
                if error.kind == .commitConflict {
                    throw MeshError(.conflict, "the product kept changing during \(attempt) attempts to publish; try again", context: tag)
                }
                throw Self.meshError(error)
            }
        }
    }

    func validate(_ request: PublishRequest) throws(MeshError) {
        guard !request.inputs.isEmpty else { throw MeshError(.invalidInput, "no input files to publish") }
        let tag = request.tag
        guard !tag.isEmpty, tag != "main", !tag.hasPrefix("publish-"),
              tag.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.+".unicodeScalars.contains($0)) }) else {
            throw MeshError(.invalidInput, "'\(tag)' cannot be a version tag: use letters, digits, '-', '_', '.', '+' (not 'main' or 'publish-…')", context: tag)
        }
    }

    /// `<milliseconds since the epoch>-<8 random hex digits>`: names a publish's branch and files.
    static func publishID(now: Date) -> String {
        let ms = Int64((now.timeIntervalSince1970 * 1000).rounded())
        return "\(ms)-" + zeroPadded(String(UInt32.random(in: 0...UInt32.max), radix: 16), 8)
    }

    /// A snapshot's `total-records` (0 for none).
    static func totalRows(_ snapshot: Snapshot?) -> Int64 {
        snapshot.flatMap { Int64($0.summary["total-records"] ?? "") } ?? 0
    }

    /// Deletes data files that were never published.
    static func delete(_ files: [DataFile], from store: any ObjectStore) {
        for file in files { if let key = store.key(of: file.filePath) { try? store.delete(key) } }
    }
}

extension PublishPipeline {
    /// Runs an Iceberg operation, turning its error into a ``MeshError`` (``meshError(_:)``).
    static func iceberg<T>(_ body: () throws(IcebergError) -> T) throws(MeshError) -> T {
        do { return try body() } catch { throw meshError(error) }
    }

    /// An Iceberg error as a ``MeshError``: a missing table or snapshot is `notFound`, a lost race
    /// `conflict`, bad use `invalidInput`, anything else `storage`.
    static func meshError(_ error: IcebergError) -> MeshError {
        let kind: MeshError.Kind = switch error.kind {
        case .notFound: .notFound
        case .commitConflict, .alreadyExists: .conflict
        case .invalidOperation, .typeMismatch: .invalidInput
        default: .storage
        }
        return MeshError(kind, error.message, context: error.context)
    }

    /// `text` left-padded with zeros to `width` characters.
    static func zeroPadded(_ text: String, _ width: Int) -> String { String(repeating: "0", count: max(0, width - text.count)) + text }
}

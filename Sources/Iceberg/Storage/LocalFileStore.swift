import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An object store rooted at a local directory. Keys are paths below the root; locations are
/// absolute paths.
///
/// Writes go to a temporary file in the target folder first, are flushed to disk, and then
/// appear at once: `createOnly` publishes with `link()` (which fails atomically when the name
/// exists), `overwrite` with `rename()`. So no reader ever sees a partly written object.
public struct LocalFileStore: ObjectStore {
    /// The absolute path of the root directory (no trailing slash).
    public let root: String

    /// Creates a store rooted at `root` (made absolute; created when missing).
    public init(root: String) throws(IcebergError) {
        var path = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        path = URL(fileURLWithPath: path).standardizedFileURL.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw IcebergError(.storage, "cannot create the store's root directory: \(error.localizedDescription)", context: path)
        }
        self.root = path
    }

    func path(_ key: String) throws(IcebergError) -> String {
        try validateKey(key)
        return root == "/" ? "/" + key : root + "/" + key
    }

    public func read(_ key: String) throws(IcebergError) -> [UInt8] {
        let p = try path(key)
        let n = try size(key)
        return try readRange(p, 0..<n)
    }

    public func read(_ key: String, range: Range<Int>) throws(IcebergError) -> [UInt8] {
        let p = try path(key)
        let n = try size(key)
        guard range.lowerBound >= 0, range.upperBound <= n else {
            throw IcebergError(.storage, "range \(range) is outside the object's \(n) bytes", context: p)
        }
        return try readRange(p, range)
    }

    private func readRange(_ p: String, _ range: Range<Int>) throws(IcebergError) -> [UInt8] {
        let fd = open(p, O_RDONLY)
        guard fd >= 0 else { throw posixError("cannot open", p) }
        defer { close(fd) }
        var out = [UInt8](repeating: 0, count: range.count)
        var done = 0
        while done < range.count {
            let r = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, range.count - done, off_t(range.lowerBound + done)) }
            if r < 0, errno == EINTR { continue }
            guard r > 0 else { throw r == 0 ? IcebergError(.storage, "file ended early", context: p) : posixError("cannot read", p) }
            done += r
        }
        return out
    }

    public func size(_ key: String) throws(IcebergError) -> Int {
        let p = try path(key)
        var st = stat()
        guard stat(p, &st) == 0 else {
            throw errno == ENOENT ? IcebergError(.notFound, "no such file", context: p) : posixError("cannot stat", p)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw IcebergError(.notFound, "not a regular file", context: p) }
        return Int(st.st_size)
    }

    public func write(_ key: String, _ bytes: [UInt8], mode: WriteMode) throws(IcebergError) {
        let p = try path(key)
        let dir = String(p[..<p.lastIndex(of: "/")!])
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw IcebergError(.storage, "cannot create folder: \(error.localizedDescription)", context: dir)
        }
        let temp = dir + "/.tmp-" + UUID().uuidString.lowercased()
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw posixError("cannot create", temp) }
        var done = 0
        while done < bytes.count {
            let r = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, bytes.count - done) }
            if r < 0, errno == EINTR { continue }
            guard r > 0 else {
                let e = posixError("cannot write", temp)
                close(fd); unlink(temp)
                throw e
            }
            done += r
        }
        guard fsync(fd) == 0 else {
            let e = posixError("cannot flush", temp)
            close(fd); unlink(temp)
            throw e
        }
        close(fd)
        switch mode {
        case .createOnly:
            let r = link(temp, p)
            let err = errno
            unlink(temp)
            if r != 0 {
                if err == EEXIST { throw IcebergError(.alreadyExists, "file already exists", context: p) }
                errno = err
                throw posixError("cannot publish", p)
            }
        case .overwrite:
            guard rename(temp, p) == 0 else {
                let e = posixError("cannot publish", p)
                unlink(temp)
                throw e
            }
        }
    }

    public func list(prefix: String) throws(IcebergError) -> [String] {
        // Walk from the deepest folder named entirely by the prefix.
        let folder = prefix.contains("/") ? String(prefix[..<prefix.lastIndex(of: "/")!]) : ""
        let start = folder.isEmpty ? root : root + "/" + folder
        guard let walker = FileManager.default.enumerator(atPath: start) else { return [] }
        var out: [String] = []
        while let rel = walker.nextObject() as? String {
            let key = folder.isEmpty ? rel : folder + "/" + rel
            let name = rel.split(separator: "/").last.map(String.init) ?? rel
            guard key.hasPrefix(prefix), !name.hasPrefix(".tmp-") else { continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: start + "/" + rel, isDirectory: &isDir), !isDir.boolValue { out.append(key) }
        }
        return out.sorted()
    }

    public func delete(_ key: String) throws(IcebergError) {
        let p = try path(key)
        if unlink(p) != 0, errno != ENOENT { throw posixError("cannot delete", p) }
    }

    public func location(of key: String) -> String { root == "/" ? "/" + key : root + "/" + key }

    public func key(of location: String) -> String? {
        var path = location
        if path.hasPrefix("file://") { path = String(path.dropFirst("file://".count)) }
        if path.hasPrefix("file:") { path = String(path.dropFirst("file:".count)) }
        let base = root == "/" ? "/" : root + "/"
        guard path.hasPrefix(base) else { return nil }
        let key = String(path.dropFirst(base.count))
        return (try? validateKey(key)) == nil ? nil : key
    }

    private func posixError(_ what: String, _ path: String) -> IcebergError {
        IcebergError(.storage, "\(what): \(String(cString: strerror(errno)))", context: path)
    }
}

/// The C `write(2)`, named apart from ``LocalFileStore/write(_:_:mode:)``.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Publish locks shared by every process using an embedded mesh: an exclusive `flock` on
/// `DIR/locks/PRODUCT.lock`.
///
/// `flock` locks belong to an open file description, so two threads of one process that each
/// open the file exclude each other too; the kernel releases the lock when a holder dies, so a
/// crashed publish never leaves the product locked.
struct FileLocks: PublishLocking {
    /// The folder holding the lock files.
    let directory: String

    func withLock<T>(_ product: String, timeout: TimeInterval, _ body: () throws(MeshError) -> T) throws(MeshError) -> T {
        let path = directory + "/" + product + ".lock"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw MeshError(.storage, "cannot create the lock folder: \(error.localizedDescription)", context: directory)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw MeshError(.storage, "cannot open the publish lock: \(String(cString: strerror(errno)))", context: path)
        }
        defer { close(fd) }
        let deadline = Date(timeIntervalSinceNow: timeout)
        var delay: useconds_t = 2_000
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                throw MeshError(.storage, "cannot take the publish lock: \(String(cString: strerror(code)))", context: path)
            }
            if Date() >= deadline {
                throw MeshError(.conflict, "another publish of \(product) has been running for more than \(Int(timeout)) s; try again later", context: path)
            }
            usleep(delay)
            delay = min(delay * 2, 100_000)
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

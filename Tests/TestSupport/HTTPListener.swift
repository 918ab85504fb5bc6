import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 over POSIX sockets, for webhook tests.
///
/// It records every request (method, path, headers, body) and answers each with the next
/// status of its script, then with `otherwise`. One connection per request (`Connection: close`);
/// `Expect: 100-continue` and `Content-Length` bodies are handled, chunked bodies are not needed
/// by the clients under test.
public final class HTTPListener: Sendable {
    /// One received request.
    public struct Request: Sendable {
        /// `POST`, `GET`...
        public let method: String
        /// The request target (`/hook`).
        public let path: String
        /// Header names lowercased.
        public let headers: [String: String]
        /// The body bytes.
        public let body: Data
        /// When it arrived.
        public let receivedAt: Date

        /// A header's value, by case-insensitive name.
        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// The port listened on.
    public let port: Int
    private let socket: Int32
    private let state: Mutex<(requests: [Request], script: [Int], otherwise: Int, closed: Bool)>

    /// Starts listening on an ephemeral port of 127.0.0.1, answering `script` then `otherwise`.
    public init(script: [Int] = [], otherwise: Int = 200) throws {
        let (fd, port) = try Self.bindLoopback()
        guard listen(fd, 16) == 0 else {
            _ = posixClose(fd)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        socket = fd
        self.port = port
        state = Mutex(([], script, otherwise, false))
        let listener = self
        Thread.detachNewThread { listener.acceptLoop() }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    public func url(_ path: String = "/hook") -> URL { URL(string: "http://127.0.0.1:\(port)\(path)")! }

    /// The requests received so far, in arrival order.
    public var requests: [Request] { state.withLock { $0.requests } }

    /// From now on, answers every request with `status` (the rest of the script is dropped).
    public func answer(_ status: Int) {
        state.withLock { s in
            s.script = []
            s.otherwise = status
        }
    }

    /// Waits until at least `count` requests arrived or `timeout` passed; returns those received.
    public func waitForRequests(_ count: Int, timeout: TimeInterval = 10) -> [Request] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let received = requests
            if received.count >= count || Date() >= deadline { return received }
            usleep(10_000)
        }
    }

    /// Stops listening (idempotent). Call it when done: the accept thread keeps the listener alive.
    public func close() {
        let wasOpen = state.withLock { s in
            defer { s.closed = true }
            return !s.closed
        }
        // The accept loop fails out of `accept` and closes the descriptor itself, so the number
        // cannot be reused under it.
        if wasOpen { _ = shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then released).
    public static func unusedPort() throws -> Int {
        let (fd, port) = try bindLoopback()
        _ = posixClose(fd)
        return port
    }

    // MARK: Internals

    private static func bindLoopback() throws -> (Int32, Int) {
        let fd = posixStreamSocket()
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var yes: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let code = errno
            _ = posixClose(fd)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }

    private func acceptLoop() {
        defer { _ = posixClose(socket) }
        while !state.withLock({ $0.closed }) {
            let connection = accept(socket, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                return
            }
            handle(connection)
            _ = posixClose(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        _ = setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = Data()
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd: Range<Data.Index>?
        while headerEnd == nil {
            guard let chunk = receive(connection) else { return }
            buffer.append(chunk)
            headerEnd = buffer.range(of: separator)
        }
        let head = String(decoding: buffer[..<headerEnd!.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(buffer[headerEnd!.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        if body.count < length, headers["expect"]?.lowercased() == "100-continue" {
            send(connection, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        while body.count < length {
            guard let chunk = receive(connection) else { return }
            body.append(chunk)
        }
        let request = Request(method: requestLine.first ?? "", path: requestLine.count > 1 ? requestLine[1] : "", headers: headers,
                              body: body.prefix(length), receivedAt: Date())
        let status = state.withLock { s in
            s.requests.append(request)
            return s.script.isEmpty ? s.otherwise : s.script.removeFirst()
        }
        send(connection, Data("HTTP/1.1 \(status) Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
    }

    private func receive(_ connection: Int32) -> Data? {
        var bytes = [UInt8](repeating: 0, count: 16_384)
        let n = bytes.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        return n > 0 ? Data(bytes[0..<n]) : nil
    }

    private func send(_ connection: Int32, _ data: Data) {
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = posixSend(connection, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

#if canImport(Glibc)
private func posixClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
private func posixStreamSocket() -> Int32 { Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0) }
private func posixSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Glibc.send(fd, bytes, count, Int32(MSG_NOSIGNAL)) }
#else
private func posixClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
private func posixStreamSocket() -> Int32 {
    let fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
    var yes: Int32 = 1
    if fd >= 0 { _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size)) }
    return fd
}
private func posixSend(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Darwin.send(fd, bytes, count, 0) }
#endif

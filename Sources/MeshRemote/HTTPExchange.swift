import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mesh
import Synchronization

/// One HTTP request to the mesh server, sent synchronously for the command line.
///
/// `URLSession`'s completion handler runs on its own queue; the calling thread waits on a
/// semaphore, so a command stays a plain synchronous function.
struct HTTPExchange: Sendable {
    /// The server's base address (`http://host:port`).
    let server: URL
    /// The session all requests go through.
    let session: URLSession

    /// The answer: the status, the headers and the body.
    struct Answer: Sendable {
        /// The HTTP status code.
        let status: Int
        /// The response headers, by lower-cased name.
        let headers: [String: String]
        /// The body.
        let body: Data
    }

    /// Sends `request` and waits for the answer.
    ///
    /// - Throws: ``MeshError/Kind/unreachable`` naming the server when there is no answer.
    func send(_ request: URLRequest) throws(MeshError) -> Answer {
        try wait { finish in session.dataTask(with: request) { data, response, error in finish(data, response, error) } }
    }

    /// Sends `request` with the file at `file` as its body, streamed from disk, and waits for the answer.
    func upload(_ request: URLRequest, file: URL) throws(MeshError) -> Answer {
        try wait { finish in session.uploadTask(with: request, fromFile: file) { data, response, error in finish(data, response, error) } }
    }

    /// Sends `request`, streams the answer's body into the file at `destination` and waits;
    /// the returned answer's body is empty on success, the error body otherwise.
    func download(_ request: URLRequest, to destination: URL) throws(MeshError) -> Answer {
        try wait { finish in
            session.downloadTask(with: request) { location, response, error in
                var body = Data()
                var failure = error
                if let location, failure == nil {
                    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                    do {
                        if (200..<300).contains(status) {
                            try? FileManager.default.removeItem(at: destination)
                            try FileManager.default.moveItem(at: location, to: destination)
                        } else {
                            body = try Data(contentsOf: location)
                        }
                    } catch {
                        failure = error
                    }
                }
                finish(body, response, failure)
            }
        }
    }

    /// Runs the task `make` builds and waits for its completion.
    private func wait(_ make: (@escaping @Sendable (Data?, URLResponse?, (any Error)?) -> Void) -> URLSessionTask) throws(MeshError) -> Answer {
        let outcome = Mutex<Result<Answer, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = make { data, response, error in
            let result: Result<Answer, any Error>
            if let error {
                result = .failure(error)
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
                }
                result = .success(Answer(status: http.statusCode, headers: headers, body: data ?? Data()))
            } else {
                result = .failure(URLError(.badServerResponse))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        done.wait()
        switch outcome.withLock({ $0 }) {
        case .success(let answer): return answer
        case .failure(let error): throw Self.unreachable(server, error)
        case nil: throw Self.unreachable(server, URLError(.unknown))
        }
    }

    /// The error for a server that did not answer.
    static func unreachable(_ server: URL, _ error: any Error) -> MeshError {
        let reason = (error as? URLError).map(Self.describe) ?? String(describing: error)
        return MeshError(.unreachable, "cannot reach the mesh server at \(server.absoluteString): \(reason)")
    }

    /// A short text for a URL loading failure.
    static func describe(_ error: URLError) -> String {
        switch error.code {
        case .cannotConnectToHost: "connection refused"
        case .cannotFindHost: "unknown host"
        case .timedOut: "timed out"
        case .networkConnectionLost: "connection lost"
        case .notConnectedToInternet: "no network"
        default: error.localizedDescription
        }
    }
}

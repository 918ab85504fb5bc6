import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one webhook request: the seam between the dispatcher and the network.
public protocol WebhookTransport: Sendable {
    /// POSTs `body` with `headers` to `url` and returns the HTTP status code.
    ///
    /// Throws a ``MeshError`` of kind ``MeshError/Kind/unreachable`` when no response arrives
    /// (connection refused, DNS failure, TLS failure, no answer within `timeout` seconds).
    func post(url: URL, headers: [String: String], body: Data, timeout: TimeInterval) throws -> Int
}

extension MeshError.Kind {
    /// A remote endpoint (a webhook receiver) could not be reached or did not answer in time.
    public static let unreachable = MeshError.Kind(name: "unreachable", httpStatus: 502)
}

/// The real transport: Foundation's `URLSession` (FoundationNetworking on Linux).
///
/// Each call blocks its thread until the response or the timeout; the dispatcher calls it off
/// the caller's executor. Redirects are not followed: a receiver answers where it was subscribed.
public final class URLSessionTransport: WebhookTransport {
    private let session: URLSession
    private let delegate = NoRedirects()

    /// Creates a transport with its own ephemeral session (no cookies, no cache).
    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func post(url: URL, headers: [String: String], body: Data, timeout: TimeInterval) throws -> Int {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let outcome = Mutex<Result<Int, MeshError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { _, response, error in
            let result: Result<Int, MeshError>
            if let status = (response as? HTTPURLResponse)?.statusCode {
                result = .success(status)
            } else {
                let reason = (error as NSError?).map(Self.describe) ?? "no HTTP response"
                result = .failure(MeshError(.unreachable, reason, context: url.absoluteString))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        // The request's own timeout covers idle connections; this bounds the whole exchange.
        if done.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            throw MeshError(.unreachable, "no response within \(Int(timeout)) s", context: url.absoluteString)
        }
        return try outcome.withLock { $0 }!.get()
    }

    static func describe(_ error: NSError) -> String {
        let underlying = error.userInfo[NSLocalizedDescriptionKey] as? String
        switch error.code {
        case NSURLErrorTimedOut: return "timed out"
        case NSURLErrorCannotConnectToHost: return "connection refused"
        case NSURLErrorCannotFindHost: return "unknown host"
        default: return underlying ?? "network error \(error.code)"
        }
    }
}

/// Refuses redirects, so a 3xx answer counts as a failed attempt.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

/// A transport that records requests in memory and answers from a script, for tests.
public final class RecordingTransport: WebhookTransport {
    /// One request as sent.
    public struct Request: Sendable, Hashable {
        /// The target URL.
        public var url: URL
        /// The headers.
        public var headers: [String: String]
        /// The body.
        public var body: Data
        /// The timeout asked for.
        public var timeout: TimeInterval
    }

    /// How the transport answers one request.
    public enum Answer: Sendable, Hashable {
        /// An HTTP status.
        case status(Int)
        /// No response: the transport throws ``MeshError/Kind/unreachable``.
        case unreachable
    }

    private let state: Mutex<(requests: [Request], script: [Answer], otherwise: Answer)>

    /// Creates a transport answering `script` in order, then `otherwise` for every later request.
    public init(script: [Answer] = [], otherwise: Answer = .status(200)) {
        state = Mutex(([], script, otherwise))
    }

    /// The requests sent so far, in order.
    public var requests: [Request] { state.withLock { $0.requests } }

    public func post(url: URL, headers: [String: String], body: Data, timeout: TimeInterval) throws -> Int {
        let answer = state.withLock { s in
            s.requests.append(Request(url: url, headers: headers, body: body, timeout: timeout))
            return s.script.isEmpty ? s.otherwise : s.script.removeFirst()
        }
        switch answer {
        case .status(let code): return code
        case .unreachable: throw MeshError(.unreachable, "connection refused (scripted)", context: url.absoluteString)
        }
    }
}

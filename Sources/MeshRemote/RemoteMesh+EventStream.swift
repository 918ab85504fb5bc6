import Catalog
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mesh
import Synchronization

extension RemoteMesh {
    /// Follows the server's event stream (`GET /v1/events/stream`, server-sent events): calls
    /// `onEvent` with each event after `after` as the server records it, until `seconds` have
    /// passed (the server closes the stream), or for as long as the server keeps it open when nil.
    ///
    /// `consumer` is the feed followed: nil follows the caller's own (its team's), or every event
    /// for administrators and governance, as the server decides.
    ///
    /// - Throws: the server's error for a refused stream (401, 403, 400), or
    ///   ``MeshError/Kind/unreachable`` when the connection fails.
    public func followEvents(consumer: String?, after: Int64?, for seconds: Double?, onEvent: @escaping @Sendable (MeshEvent) -> Void) throws(MeshError) {
        var components = URLComponents(url: server.appendingPathComponent("v1/events/stream"), resolvingAgainstBaseURL: false)
        var items: [URLQueryItem] = []
        if let consumer { items.append(URLQueryItem(name: "consumer", value: consumer)) }
        if let after { items.append(URLQueryItem(name: "after", value: String(after))) }
        if let seconds { items.append(URLQueryItem(name: "timeout", value: String(format: "%.3f", max(0.001, seconds)))) }
        components?.queryItems = items.isEmpty ? nil : items
        guard let url = components?.url else { throw MeshError(.invalidInput, "cannot build the event stream address from \(server.absoluteString)") }
        var request = URLRequest(url: url)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("text/event-stream", forHTTPHeaderField: "Accept")
        request.timeoutInterval = 60  // between bytes: the server sends a keep-alive every 15 s

        let reader = EventStreamReader(onEvent: onEvent)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        configuration.timeoutIntervalForResource = seconds.map { $0 + 60 } ?? 7 * 24 * 3600
        let session = URLSession(configuration: configuration, delegate: reader, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        session.dataTask(with: request).resume()
        reader.finished.wait()
        guard let outcome = reader.outcome.withLock({ $0 }) else { return }
        switch outcome {
        case .refused(let answer):
            throw ErrorAnswer.decode(answer, method: "GET", path: url.path)
        case .failed(let error):
            throw HTTPExchange.unreachable(server, error)
        case .undecodable(let text):
            throw MeshError(.unreachable, "the mesh server at \(server.absoluteString) sent an event this client cannot read: \(text.prefix(200))")
        }
    }
}

/// Reads a `text/event-stream` answer as it arrives: splits it into frames at blank lines and
/// hands each frame's `data:` (a ``MeshEvent`` as JSON) to `onEvent`; comments (`: keep-alive`)
/// are skipped. A non-2xx answer is collected whole, to be reported as the server's error.
///
/// `@unchecked Sendable`: `buffer`, `status` and `headers` are touched only by the session's
/// delegate queue, which calls one delegate method at a time; `outcome` is behind a mutex.
final class EventStreamReader: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Outcome: Sendable {
        case refused(HTTPExchange.Answer)
        case failed(any Error)
        case undecodable(String)
    }

    let onEvent: @Sendable (MeshEvent) -> Void
    let finished = DispatchSemaphore(value: 0)
    let outcome = Mutex<Outcome?>(nil)
    private var buffer: [UInt8] = []
    private var status = 0
    private var headers: [String: String] = [:]

    init(onEvent: @escaping @Sendable (MeshEvent) -> Void) { self.onEvent = onEvent }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        if let http = response as? HTTPURLResponse {
            status = http.statusCode
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
            }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        buffer.append(contentsOf: data)
        guard (200..<300).contains(status) else { return }
        // Frames end at a blank line ("\n\n"); the last, unfinished one stays in the buffer.
        var start = 0
        var i = 0
        while i + 1 < buffer.count {
            if buffer[i] == 0x0A && buffer[i + 1] == 0x0A {
                frame(buffer[start..<i])
                start = i + 2
                i = start
            } else {
                i += 1
            }
        }
        if start > 0 { buffer.removeFirst(start) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        outcome.withLock { current in
            if current != nil { return }
            if let error {
                current = .failed(error)
            } else if !(200..<300).contains(status) {
                current = .refused(HTTPExchange.Answer(status: status, headers: headers, body: Data(buffer)))
            }
        }
        finished.signal()
    }

    /// One frame: its `data:` lines joined, decoded as an event.
    private func frame(_ bytes: ArraySlice<UInt8>) {
        let text = String(decoding: bytes, as: UTF8.self)
        let data = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("data:") }
            .map { $0.dropFirst(5).drop { $0 == " " } }
            .joined(separator: "\n")
        guard !data.isEmpty else { return }
        do {
            onEvent(try WireValue.decoder.decode(MeshEvent.self, from: Data(data.utf8)))
        } catch {
            outcome.withLock { if $0 == nil { $0 = .undecodable(data) } }
        }
    }
}

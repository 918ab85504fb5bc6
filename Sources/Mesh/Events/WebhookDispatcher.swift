import Catalog
import Foundation

/// Sends pending webhook deliveries: signed JSON POSTs, retried with exponential backoff.
///
/// ``EventRouter`` records a webhook delivery as pending when it records the event; this sends
/// it. Every attempt's outcome is written to the store: a 2xx answer marks the delivery
/// `delivered`; anything else (another status, a refused connection, a timeout) counts an
/// attempt, records the error and schedules the next attempt after a growing delay, until
/// ``RetryPolicy/maxAttempts`` makes it `failed`.
///
/// The CLI calls ``runOnce(now:budget:)`` after each command that raises events (first attempts
/// go out inline within a small time budget; retries stay pending for the next command,
/// `mesh events --follow` or the server); the server runs ``run(every:)`` in the background.
/// Several dispatchers may share a store: each claims a delivery (pushes its due time past the
/// attempt) in a transaction before sending it, so one delivery is not sent twice at once, and
/// a dispatcher that dies mid-attempt leaves it due again once the claim lapses.
public struct WebhookDispatcher: Sendable {
    /// When to retry and when to give up.
    public struct RetryPolicy: Sendable, Hashable {
        /// Attempts before a delivery is marked failed (at least 1).
        public var maxAttempts: Int
        /// The delay after the first failed attempt, in seconds.
        public var initialDelay: TimeInterval
        /// How much each further delay grows.
        public var multiplier: Double
        /// The longest delay between attempts, in seconds.
        public var maxDelay: TimeInterval
        /// How long one request may take, in seconds.
        public var requestTimeout: TimeInterval

        /// Creates a policy; the defaults retry after 1, 2, 4 and 8 seconds, then give up.
        public init(maxAttempts: Int = 5, initialDelay: TimeInterval = 1, multiplier: Double = 2, maxDelay: TimeInterval = 300,
                    requestTimeout: TimeInterval = 5) {
            self.maxAttempts = max(1, maxAttempts)
            self.initialDelay = max(0, initialDelay)
            self.multiplier = max(1, multiplier)
            self.maxDelay = max(self.initialDelay, maxDelay)
            self.requestTimeout = max(0.1, requestTimeout)
        }

        /// The delay before the attempt after failed attempt number `attempt` (1-based).
        public func delay(afterAttempt attempt: Int) -> TimeInterval {
            let exponent = Double(max(0, attempt - 1))
            return min(maxDelay, initialDelay * pow(multiplier, exponent))
        }
    }

    /// What one pass did.
    public struct Report: Sendable, Hashable {
        /// Deliveries that got a 2xx answer, as recorded.
        public var delivered: [Delivery] = []
        /// Deliveries that failed this attempt and will be retried, as recorded.
        public var retrying: [Delivery] = []
        /// Deliveries that failed for good this pass, as recorded.
        public var failed: [Delivery] = []
        /// Due deliveries left for a later pass because the time budget ran out.
        public var deferred: Int = 0

        /// Attempts made.
        public var attempted: Int { delivered.count + retrying.count + failed.count }
    }

    /// The catalog holding the deliveries.
    public let store: any CatalogStore
    /// How requests are sent.
    public let transport: any WebhookTransport
    /// When to retry and when to give up.
    public let policy: RetryPolicy

    /// Creates a dispatcher over `store`, sending through `transport`.
    public init(store: any CatalogStore, transport: any WebhookTransport = URLSessionTransport(), policy: RetryPolicy = RetryPolicy()) {
        self.store = store
        self.transport = transport
        self.policy = policy
    }

    /// Attempts every delivery due at `now`, once each, oldest first.
    ///
    /// - Parameter budget: the most wall-clock seconds to spend; due deliveries not started in
    ///   time stay pending (counted in ``Report/deferred``), and a request never waits past the
    ///   budget's end by more than a second. nil: no limit.
    public func runOnce(now: Date = Date(), budget: TimeInterval? = nil) throws(MeshError) -> Report {
        let clock = ContinuousClock()
        let start = clock.now
        let due: [Delivery]
        do { due = try store.read { t throws(CatalogError) in try t.dueDeliveries(at: now) } } catch { throw MeshError(error) }
        var report = Report()
        for (index, candidate) in due.enumerated() {
            var timeout = policy.requestTimeout
            if let budget {
                let elapsed = Self.seconds(clock.now - start)
                if elapsed >= budget {
                    report.deferred = due.count - index
                    break
                }
                timeout = max(1, min(timeout, budget - elapsed))
            }
            guard let job = try claim(candidate, now: now, timeout: timeout) else { continue }
            let outcome: Delivery
            switch job {
            case .send(let delivery, let request):
                outcome = try send(delivery, request, now: now, timeout: timeout)
            case .abandon(let delivery):
                outcome = delivery
            }
            switch outcome.status {
            case .delivered: report.delivered.append(outcome)
            case .failed: report.failed.append(outcome)
            case .pending: report.retrying.append(outcome)
            }
        }
        return report
    }

    /// Runs passes every `interval` until the task is cancelled (the server's background sender).
    ///
    /// Passes run on a dispatch queue of their own, so blocking network calls never hold up the
    /// caller's executor; a pass that fails (the store is briefly locked) is retried next time.
    ///
    /// - Parameter onPass: called with each pass's report (for metrics: deliveries, failures)
    ///   or its error.
    public func run(every interval: Duration = .seconds(1), onPass: (@Sendable (Result<Report, MeshError>) -> Void)? = nil) async {
        // A queue of its own (it gets a thread even when the shared pool's threads are all
        // blocked by other work), so deliveries keep their schedule on a busy server.
        let queue = DispatchQueue(label: "meshwork.webhook-dispatcher")
        while !Task.isCancelled {
            let outcome = await withCheckedContinuation { (done: CheckedContinuation<Result<Report, MeshError>, Never>) in
                queue.async {
                    do throws(MeshError) { done.resume(returning: .success(try self.runOnce())) } catch { done.resume(returning: .failure(error)) }
                }
            }
            onPass?(outcome)
            try? await Task.sleep(for: interval)
        }
    }

    // MARK: One delivery

    /// A claimed delivery: send it, or record it as failed without sending.
    enum Job {
        case send(Delivery, Request)
        case abandon(Delivery)
    }

    /// A signed request ready to send.
    struct Request {
        var url: URL
        var headers: [String: String]
        var body: Data
    }

    /// Takes `candidate` for one attempt if it is still pending and due, building its request.
    func claim(_ candidate: Delivery, now: Date, timeout: TimeInterval) throws(MeshError) -> Job? {
        do {
            return try store.write { t throws(CatalogError) -> Job? in
                guard var delivery = try t.deliveries(eventID: candidate.eventID).first(where: { $0.id == candidate.id }),
                      delivery.status == .pending, (delivery.nextAttemptAt ?? .distantPast) <= now else { return nil }
                func abandon(_ reason: String) throws(CatalogError) -> Job {
                    delivery.status = .failed
                    delivery.lastError = reason
                    delivery.nextAttemptAt = nil
                    try t.updateDelivery(delivery)
                    return .abandon(delivery)
                }
                guard let event = try t.events(EventQuery(afterID: delivery.eventID - 1, limit: 1)).first, event.id == delivery.eventID else {
                    return try abandon("event \(delivery.eventID) no longer exists")
                }
                guard let address = delivery.url, let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
                    return try abandon("not an http(s) webhook URL: \(delivery.url ?? "none")")
                }
                let subscription = try delivery.subscriptionID.flatMap { id throws(CatalogError) in
                    try t.subscriptions(productID: event.productID, consumer: delivery.recipient).first { $0.id == id }
                }
                guard let subscription else { return try abandon("subscription \(delivery.subscriptionID.map(String.init) ?? "?") was removed") }
                guard let secret = subscription.webhookSecret, !secret.isEmpty else {
                    return try abandon("subscription \(subscription.id) has no signing secret")
                }
                let body = Self.body(event: event, delivery: delivery)
                let headers = WebhookSigner(secret: secret).headers(for: body, kind: event.kind, deliveryID: delivery.id, at: now)
                // The claim: other dispatchers see it as not due until this attempt is over.
                delivery.nextAttemptAt = now.addingTimeInterval(timeout + 30)
                try t.updateDelivery(delivery)
                return .send(delivery, Request(url: url, headers: headers, body: body))
            }
        } catch {
            throw MeshError(error)
        }
    }

    /// Sends one claimed delivery and records the outcome.
    func send(_ claimed: Delivery, _ request: Request, now: Date, timeout: TimeInterval) throws(MeshError) -> Delivery {
        var delivery = claimed
        delivery.attempts += 1
        let failure: String?
        do {
            let status = try transport.post(url: request.url, headers: request.headers, body: request.body, timeout: timeout)
            failure = (200..<300).contains(status) ? nil : "HTTP \(status)"
        } catch let error as MeshError {
            failure = error.message
        } catch {
            failure = String(describing: error)
        }
        if let failure {
            delivery.lastError = failure
            if delivery.attempts >= policy.maxAttempts {
                delivery.status = .failed
                delivery.nextAttemptAt = nil
            } else {
                delivery.nextAttemptAt = now.addingTimeInterval(policy.delay(afterAttempt: delivery.attempts))
            }
        } else {
            delivery.status = .delivered
            delivery.deliveredAt = now
            delivery.nextAttemptAt = nil
        }
        let record = delivery
        do { try store.write { t throws(CatalogError) in try t.updateDelivery(record) } } catch { throw MeshError(error) }
        return record
    }

    /// The JSON body of a delivery: the same bytes on every attempt.
    ///
    /// `{"delivery", "detail", "id", "kind", "message", "product", "recipient", "role",
    /// "severity", "time", "version"}` with sorted keys; `detail` is the event's detail object
    /// (or its text when it is not JSON), `time` ISO 8601 UTC with milliseconds.
    public static func body(event: MeshEvent, delivery: Delivery) -> Data {
        let detail: Any = (try? JSONSerialization.jsonObject(with: Data(event.detail.utf8), options: [.fragmentsAllowed])) ?? event.detail
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let object: [String: Any] = [
            "id": event.id,
            "delivery": delivery.id,
            "kind": event.kind,
            "severity": event.severity,
            "product": event.productID.map { $0 as Any } ?? NSNull(),
            "version": event.version.map { $0 as Any } ?? NSNull(),
            "message": event.message,
            "detail": detail,
            "time": formatter.string(from: event.time),
            "recipient": delivery.recipient,
            "role": delivery.role,
        ]
        // Every value above is a JSON type, so serialisation cannot fail.
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

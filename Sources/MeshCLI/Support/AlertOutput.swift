import ArgumentParser
import Catalog
import Foundation
import Mesh

/// The `--json` forms of events, deliveries, grants, access requests and freshness.
extension MeshJSON {
    static func event(_ e: MeshEvent) -> JSON {
        .object([
            ("id", .int(e.id)), ("time", date(e.time)), ("kind", .string(e.kind)), ("severity", .string(e.severity)),
            ("product", .optional(e.productID)), ("version", .optional(e.version)), ("message", .string(e.message)), ("detail", raw(e.detail)),
        ])
    }

    static func delivery(_ d: Delivery) -> JSON {
        .object([
            ("id", .int(d.id)), ("event", .int(d.eventID)), ("recipient", .string(d.recipient)), ("role", .string(d.role)),
            ("channel", .string(d.channel.rawValue)), ("url", .optional(d.url)), ("subscription", .optional(d.subscriptionID)),
            ("status", .string(d.status.rawValue)), ("attempts", .int(Int64(d.attempts))), ("last_error", .optional(d.lastError)),
            ("next_attempt_at", date(d.nextAttemptAt)), ("delivered_at", date(d.deliveredAt)),
        ])
    }

    static func eventWithDeliveries(_ e: EventDeliveries) -> JSON {
        guard case .object(var pairs) = event(e.event) else { return event(e.event) }
        pairs.append(("deliveries", .array(e.deliveries.map(delivery))))
        return .object(pairs)
    }

    static func grant(_ g: Grant) -> JSON {
        .object([
            ("id", .int(g.id)), ("product", .string(g.productID)), ("principal", .string(g.principal)), ("purpose", .string(g.purpose)),
            ("clearance", .optional(g.clearance)), ("granted_by", .string(g.grantedBy)), ("granted_at", date(g.grantedAt)),
            ("expires_at", date(g.expiresAt)), ("request", .optional(g.requestID)),
        ])
    }

    static func accessRequest(_ r: AccessRequestRecord) -> JSON {
        .object([
            ("id", .int(r.id)), ("product", .string(r.productID)), ("principal", .string(r.principal)), ("purpose", .string(r.purpose)),
            ("justification", .string(r.justification)), ("status", .string(r.status.rawValue)), ("requested_at", date(r.requestedAt)),
            ("decided_by", .optional(r.decidedBy)), ("decided_at", date(r.decidedAt)), ("expires_at", date(r.expiresAt)),
        ])
    }

    static func freshness(_ c: FreshnessCheck) -> JSON {
        let f = c.freshness
        return .object([
            ("product", .string(f.productID)), ("status", .string(f.status.rawValue)), ("version", .optional(f.version)),
            ("basis", .optional(f.basis?.rawValue)), ("newest", date(f.newest)), ("lag_seconds", f.lag.map(JSON.double) ?? .null),
            ("limit_seconds", f.limit.map(JSON.double) ?? .null), ("measured_at", date(f.measuredAt)), ("message", .string(f.message)),
            ("alert", c.raised.map { .int($0.id) } ?? .null), ("alert_kind", .optional(c.raised?.kind)), ("breach_alerted_at", date(c.breachAlertedAt)),
        ])
    }

    /// Compact one-line JSON (for `--follow` streams): the rendered form without layout whitespace.
    static func line(_ value: JSON) -> String {
        switch value {
        case .array(let items): return "[" + items.map(line).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { JSON.quote($0.0) + ":" + line($0.1) }.joined(separator: ",") + "}"
        case .raw(let text): return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        default: return value.rendered()
        }
    }
}

/// Reading `--expires` values.
enum ExpiryOption {
    /// `2026-12-31` (midnight UTC), `2026-12-31T18:00:00Z`, or a duration from now: `90d`, `12h`, `4w`.
    static let help = "When it ends: a date (2026-12-31, midnight UTC), a time (2026-12-31T18:00:00Z) or a duration from now (90d, 12h, 4w)."

    static func parse(_ text: String, now: Date = Date()) throws -> Date {
        try TimeOption.parse(text, option: "--expires", now: now, durationsAgo: false)
    }
}

/// A time option: a date (`2026-12-31`, midnight UTC), a time (`2026-12-31T18:00:00Z`) or a
/// duration (`90d`, `12h`, `4w`, `30m`) from now, forwards or back.
enum TimeOption {
    static func parse(_ text: String, option: String, now: Date = Date(), durationsAgo: Bool) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = trimmed.last, let factor = ["m": 60.0, "h": 3_600, "d": 86_400, "w": 604_800][String(unit)],
           let amount = Double(trimmed.dropLast()), amount > 0 {
            return now.addingTimeInterval((durationsAgo ? -1 : 1) * amount * factor)
        }
        if let date = Timestamp.parse(trimmed) { return date }
        throw ValidationError("\(option) '\(text)' is not a date (2026-12-31), a time (2026-12-31T18:00:00Z) or a duration (90d, 12h, 4w, 30m)")
    }
}

/// Sending the webhooks a command's events asked for, without holding the command up.
enum WebhookSending {
    /// The time one command spends on webhooks, in seconds (first attempts only; retries wait
    /// for the next command, `mesh events --follow` or the server).
    static let budget: TimeInterval = 3

    /// Sends the due webhook deliveries within ``budget``; failures are noted on stderr, never fatal.
    static func afterCommand(_ service: MeshService, quiet: Bool = false) {
        let report: WebhookDispatcher.Report
        do { report = try service.sendDueWebhooks(budget: budget) } catch {
            if !quiet { Console.error("note: webhooks not sent: \(error)") }
            return
        }
        guard !quiet else { return }
        for d in report.retrying {
            Console.error("note: webhook to \(d.url ?? "?") failed (\(d.lastError ?? "?")); retrying from \(MeshJSON.text(d.nextAttemptAt ?? Date()))")
        }
        for d in report.failed {
            Console.error("note: webhook to \(d.url ?? "?") failed for good after \(d.attempts) attempt(s): \(d.lastError ?? "?")")
        }
        if report.deferred > 0 { Console.error("note: \(report.deferred) webhook(s) left for the next command") }
    }
}

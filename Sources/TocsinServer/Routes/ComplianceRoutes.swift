import Foundation
import Hummingbird
import TocsinCore
import TocsinStore

/// Proof for regulators and carriers (role `compliance`): `GET /v1/audit/verify`, `GET /v1/audit/opt-outs`
/// (JSON or `?format=csv`), `GET /v1/audit/consents/twilio`, `GET /v1/audit/deadlines` and
/// `GET /v1/consent/{phone}/proof`.
struct ComplianceRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.get("/v1/audit/verify") { _, context in
            _ = try context.require(.compliance)
            let result = try await self.services.store.verifyLedger()
            return Self.json(result).response()
        }
        router.get("/v1/audit/opt-outs") { request, context in
            _ = try context.require(.compliance)
            let (from, to) = try self.period(request)
            let entries = try await self.services.store.optOutLog(from: from, to: to)
            switch request.uri.queryParameters.get("format") ?? "json" {
            case "csv":
                var text = SubscriberCSVWriter.record(OptOutLogEntry.csvHeader)
                for entry in entries { text += SubscriberCSVWriter.record(entry.csvFields, neutralizingFormulas: [5, 10, 13, 14]) }
                return Response(
                    status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text))
                )
            case "json":
                return JSON.object([
                    "from": .string(Self.time(from)), "to": .string(Self.time(to)), "opt_outs": .array(entries.map(Self.json)),
                ]).response()
            default:
                throw APIError.badRequest("format must be json or csv")
            }
        }
        router.get("/v1/audit/consents/twilio") { request, context in
            _ = try context.require(.compliance)
            let (from, to) = try self.period(request)
            let items = try await self.services.store.twilioConsents(from: from, to: to, senderID: self.senderID(request))
            return JSON.object(["items": .array(items.map(Self.json))]).response()
        }
        router.get("/v1/audit/deadlines") { request, context in
            _ = try context.require(.compliance)
            let now = self.services.clock.now
            let days = Int(request.uri.queryParameters.get("days") ?? "30") ?? -1
            guard (1...3660).contains(days) else { throw APIError.badRequest("days must be a whole number of days, 1–3660") }
            let report = try await self.services.store.deadlineReport(
                now: now, since: now.addingTimeInterval(-Double(days) * 86_400), deadline: self.services.optOutDeadline
            )
            return Self.json(report).response()
        }
        router.get("/v1/consent/:phone/proof") { _, context in
            _ = try context.require(.compliance)
            let raw = try context.parameters.require("phone")
            let phone: PhoneNumber
            do { phone = try PhoneNumber.parse(raw.removingPercentEncoding ?? raw, defaultRegion: self.services.config.profile.defaultRegion) } catch {
                throw APIError.invalid("the number in the path is not a valid phone number: \(error)")
            }
            let proof = try await self.services.store.consentProof(phone)
            return Self.json(proof).response()
        }
    }

    /// `from` and `to` (ISO 8601 instants or dates; default: the 30 days up to now).
    func period(_ request: Request) throws -> (Date, Date) {
        func date(_ name: String) throws -> Date? {
            guard let text = request.uri.queryParameters.get(name) else { return nil }
            switch ISO8601Timestamp.parse(text) {
            case .success(let date): return date
            case .failure: throw APIError.badRequest("\(name) must be an ISO 8601 time or date, e.g. 2026-11-01 or 2026-11-01T00:00:00Z")
            }
        }
        // Default: up to and including now.
        let to = try date("to") ?? self.services.clock.now.addingTimeInterval(0.001)
        let from = try date("from") ?? to.addingTimeInterval(-30 * 86_400)
        guard from < to else { throw APIError.badRequest("from must be before to") }
        return (from, to)
    }

    func senderID(_ request: Request) -> String {
        request.uri.queryParameters.get("sender_id") ?? self.services.config.profile.defaultSender
    }

    static func time(_ date: Date) -> String { OptOutLogEntry.time(date) }
    static func milliseconds(_ interval: TimeInterval) -> JSON { .int(Int((interval * 1000).rounded())) }

    static func json(_ result: LedgerVerification) -> JSON {
        .object([
            "intact": .bool(result.isIntact),
            "entries": .int(result.entries),
            "head": result.head.map { JSON.object(["seq": .int(Int($0.seq)), "hash": .string($0.hash)]) } ?? .null,
            "problem": result.problem.map { problem in
                JSON.object([
                    "seq": problem.seq.map { JSON.int(Int($0)) } ?? .null, "kind": .optional(problem.kind), "source": .optional(problem.source),
                    "message": .string(problem.description),
                ])
            } ?? .null,
        ])
    }

    static func json(_ entry: OptOutLogEntry) -> JSON {
        .object([
            "consent_event_id": .int(Int(entry.consentEventID)), "phone": .string(entry.phone), "received_at": .string(Self.time(entry.receivedAt)),
            "channel": .string(entry.channel), "source": .string(entry.source), "raw_text": .optional(entry.rawText),
            "tier": .optional(entry.tier), "rule": .optional(entry.rule), "processed_at": .string(Self.time(entry.processedAt)),
            "time_to_suppress_ms": Self.milliseconds(entry.timeToSuppress), "confirmation_text": .optional(entry.confirmationText),
            "confirmation_sent_at": .optional(entry.confirmationSentAt.map(Self.time)),
            "time_to_confirmation_ms": entry.timeToConfirmation.map(Self.milliseconds) ?? .null,
            "reviewer": .optional(entry.reviewer), "staff": .optional(entry.staff),
        ])
    }

    static func json(_ item: TwilioConsentItem) -> JSON {
        .object([
            "contact_id": .string(item.contactID), "correlation_id": .string(item.correlationID), "sender_id": .string(item.senderID),
            "status": .string(item.status), "source": .string(item.source), "date_of_consent": .string(item.dateOfConsent.formatted(.iso8601)),
        ])
    }

    static func json(_ report: DeadlineReport) -> JSON {
        .object([
            "counts": .object([
                "pending": .int(report.counts.pending), "due_soon": .int(report.counts.dueSoon), "overdue": .int(report.counts.overdue),
                "late": .int(report.counts.late),
            ]),
            "items": .array(report.items.map { item in
                JSON.object([
                    "kind": .string(item.kind), "id": .int(Int(item.id)), "phone": .string(item.phone),
                    "received_at": .string(Self.time(item.receivedAt)), "deadline": .string(Self.time(item.deadline)),
                    "resolved_at": .optional(item.resolvedAt.map(Self.time)), "status": .string(item.status.rawValue),
                ])
            }),
        ])
    }

    static func json(_ proof: ConsentProof) -> JSON {
        .object([
            "phone": .string(proof.phone), "phone_key": .string(proof.phoneKey), "suppressed": .bool(proof.suppressed),
            "head": proof.head.map { JSON.object(["seq": .int(Int($0.seq)), "hash": .string($0.hash)]) } ?? .null,
            "events": .array(proof.events.map { event in
                JSON.object([
                    "consent_event_id": .int(Int(event.consentEventID)), "occurred_at": .string(Self.time(event.occurredAt)),
                    "action": .string(event.action), "scope": .string(event.scope), "campaign": .optional(event.campaign),
                    "channel": .string(event.channel), "source": .string(event.source), "keyword": .optional(event.keyword),
                    "raw_text": .optional(event.rawText), "tier": .optional(event.tier), "rule": .optional(event.rule),
                    "source_url": .optional(event.sourceURL), "ip": .optional(event.ip), "user_agent": .optional(event.userAgent),
                    "disclosure": .optional(event.disclosure),
                    "disclosure_sha256": .optional(event.disclosure.map { LedgerEncoding.sha256Hex(Data($0.utf8)) }),
                    "staff": .optional(event.staff), "language": .optional(event.language), "erased": .bool(event.erased),
                    "ledger": event.seq.map { seq in
                        JSON.object([
                            "seq": .int(Int(seq)), "entry": .optional(event.entry), "previous_hash": .optional(event.previousHash),
                            "hash": .optional(event.hash),
                        ])
                    } ?? .null,
                ])
            }),
        ])
    }
}

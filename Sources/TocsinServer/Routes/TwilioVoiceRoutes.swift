import Foundation
import Hummingbird
import TocsinCarriers
import TocsinCore

/// Twilio's webhooks for alert calls, all signature-checked (403 and nothing stored otherwise):
///
/// - `POST /webhooks/twilio/voice/{id}`: the call was answered; answers the TwiML (identification,
///   callback number, alert, menu), or a hang-up when the number opted out since the call was placed;
/// - `POST /webhooks/twilio/voice/{id}/gather?attempt=N`: the key pressed (`Digits`): 1 connects to the
///   campaign's target, 9 records the voice opt-out, anything else repeats the menu once;
/// - `POST /webhooks/twilio/voice/{id}/status`: `CallStatus` progress, mapped by ``CallStatus/messageState``.
struct TwilioVoiceRoutes {
    let services: TocsinServices

    func register(on router: Router<TocsinRequestContext>) {
        router.post("/webhooks/twilio/voice/:id") { request, context in
            try await self.answer(request, context: context)
        }
        router.post("/webhooks/twilio/voice/:id/gather") { request, context in
            try await self.gather(request, context: context)
        }
        router.post("/webhooks/twilio/voice/:id/status") { request, context in
            try await self.status(request, context: context)
        }
    }

    func answer(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        let (id, fields) = try await self.verified(request, context: context)
        let stored = try await self.call(id)
        if stored.optedOut || !self.matches(stored, fields) { return Self.twiml(TwiML.hangup) }
        let call = self.complete(stored.call)
        return Self.twiml(TwiML.voiceCall(call, locale: self.services.config.voice.locale(call.language), menuURL: self.menuURL(id, attempt: 1)))
    }

    func gather(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        let (id, fields) = try await self.verified(request, context: context)
        let stored = try await self.call(id)
        guard self.matches(stored, fields) else { return Self.twiml(TwiML.hangup) }
        let call = self.complete(stored.call)
        let locale = self.services.config.voice.locale(call.language)
        let attempt = request.uri.queryParameters.get("attempt", as: Int.self) ?? 1
        let digits = FormBody.firstValue(of: "Digits", in: fields) ?? ""
        let now = self.services.clock.now
        switch VoiceMenu.next(digits: digits, attempt: attempt, hasTarget: call.hasTarget) {
        case .optOut:
            try await self.optOut(call, callID: FormBody.firstValue(of: "CallSid", in: fields))
            return Self.twiml(TwiML.voiceStopped(call, locale: locale))
        case .connect:
            try await self.storeCall { try await self.services.store.recordPatchThrough(messageID: id, now: now) }
            return Self.twiml(TwiML.voiceConnect(call, locale: locale))
        case .repeatMenu(let next):
            return Self.twiml(TwiML.voiceMenuAgain(call, locale: locale, menuURL: self.menuURL(id, attempt: next)))
        case .goodbye:
            return Self.twiml(TwiML.voiceGoodbye(call, locale: locale))
        }
    }

    func status(_ request: Request, context: TocsinRequestContext) async throws -> Response {
        let (id, fields) = try await self.verified(request, context: context)
        guard let callID = FormBody.firstValue(of: "CallSid", in: fields), !callID.isEmpty else {
            throw APIError.badRequest("missing field: CallSid")
        }
        guard let text = FormBody.firstValue(of: "CallStatus", in: fields) else { throw APIError.badRequest("missing field: CallStatus") }
        guard let status = CallStatus(rawValue: text) else {
            throw APIError.invalid("CallStatus must be one of \(CallStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let now = self.services.clock.now
        let result = try await self.storeCall {
            try await self.services.store.recordCallStatus(messageID: id, callID: callID, status: status, now: now)
        }
        guard result != nil else { throw APIError.notFound("no alert call with id \(id)") }
        return Response(status: .noContent)
    }

    /// Press 9: both guards first (under the number's lock, so no call or text starts after this), then the
    /// ledger entry and the org-wide opt-out in one transaction.
    func optOut(_ call: OutboundCall, callID: String?) async throws {
        let number = call.to.e164
        let voiceGuard = self.services.voiceGuard
        let suppressionGuard = self.services.suppressionGuard
        // Both guards: no call and no text starts after this (press 9 stops everything, like STOP).
        await self.services.locks.withLock(number) {
            voiceGuard.insert(number)
            suppressionGuard.insert(number)
        }
        do {
            _ = try await self.storeCall {
                try await self.services.store.recordVoiceOptOut(messageID: call.messageID, callID: callID, now: self.services.clock.now)
            }
            self.services.metrics.engine.optOut(source: "voice_keypress")
        } catch {
            voiceGuard.remove(number)
            if !((try? await self.services.store.isSuppressed(call.to)) ?? true) { suppressionGuard.remove(number) }
            throw error
        }
    }

    /// The message id and the form fields of a request whose Twilio signature is valid.
    func verified(_ request: Request, context: TocsinRequestContext) async throws -> (Int64, [(String, String)]) {
        let fields = try await TwilioSignedForm.read(request, services: self.services)
        guard let id = Int64(try context.parameters.require("id")) else { throw APIError.badRequest("the call id must be a number") }
        return (id, fields)
    }

    func call(_ id: Int64) async throws -> StoredCall {
        guard let stored = try await self.storeCall({ try await self.services.store.storedCall(id: id) }) else {
            throw APIError.notFound("no alert call with id \(id)")
        }
        return stored
    }

    /// Whether the request's `CallSid` is the call placed for this message (when both are known).
    func matches(_ stored: StoredCall, _ fields: [(String, String)]) -> Bool {
        guard let known = stored.carrierCallID, let sid = FormBody.firstValue(of: "CallSid", in: fields) else { return true }
        return known == sid
    }

    func complete(_ call: OutboundCall) -> OutboundCall {
        var call = call
        call.organisationName = self.services.config.profile.name
        call.callbackNumber = self.services.config.voice.callbackNumber ?? ""
        return call
    }

    func menuURL(_ id: Int64, attempt: Int) -> String {
        TwilioCalls.webhookURL(base: self.services.config.publicURL, messageID: id) + "/gather?attempt=\(attempt)"
    }

    func storeCall<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw APIError(error)
        }
    }

    static func twiml(_ xml: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: xml)))
    }
}

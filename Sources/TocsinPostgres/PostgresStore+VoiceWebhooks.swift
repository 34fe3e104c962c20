import Foundation
import PostgresNIO
import TocsinCore
import TocsinStore

extension PostgresStore {
    public func storedCall(id: Int64) async throws -> StoredCall? {
        try await self.read { session in
            guard
                let row = try await session.row(
                    """
                    SELECT o.phone, o.from_number, o.language, o.body, o.status, o.carrier_message_id, c.slug,
                        c.call_target_name, c.call_target_number, c.languages,
                        EXISTS (SELECT 1 FROM suppression x WHERE x.phone = o.phone)
                          OR EXISTS (SELECT 1 FROM voice_suppression v WHERE v.phone = o.phone) AS opted_out
                    FROM outbound_message o LEFT JOIN campaign c ON c.id = o.campaign_id
                    WHERE o.id = \(id) AND o.channel = 'voice'
                    """
                ),
                let phone = PhoneNumber(e164: try row.get("phone"))
            else { return nil }
            let languages = try row.get("languages", as: String?.self)?.split(separator: ",").map(String.init) ?? []
            let call = OutboundCall(
                messageID: id, to: phone, from: try row.get("from_number"),
                language: try row.get("language", as: String?.self) ?? languages.first ?? "en",
                script: try row.get("body", as: String?.self) ?? "", organisationName: "", callbackNumber: "",
                targetName: try row.get("call_target_name", as: String?.self),
                targetNumber: try row.get("call_target_number", as: String?.self), campaign: try row.get("slug", as: String?.self)
            )
            return StoredCall(
                call: call, status: try row.get("status"), carrierCallID: try row.get("carrier_message_id", as: String?.self),
                optedOut: try row.get("opted_out", as: Bool.self)
            )
        }
    }

    /// "Press 9". The number's lock (as an inbound STOP takes it) serializes two instances recording it for
    /// one number at once: the second finds both suppressions in place and returns false.
    public func recordVoiceOptOut(messageID: Int64, callID: String?, now: Date) async throws -> Bool {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            guard let row = try await session.row("SELECT phone, language FROM outbound_message WHERE id = \(messageID) AND channel = 'voice'")
            else { throw StoreError(.notFound, "no alert call with id \(messageID)") }
            let phone = try row.get("phone", as: String.self)
            if let number = PhoneNumber(e164: phone) { try await session.lockNumbers([number]) }
            let newVoiceOptOut = try await session.execute(
                """
                INSERT INTO voice_suppression (phone, source, outbound_message_id, created_at)
                VALUES (\(phone), \(ConsentSource.voiceKeypress.rawValue), \(messageID), \(nowMS))
                ON CONFLICT (phone) DO NOTHING RETURNING phone
                """
            ) > 0
            // Press 9 is an opt-out like STOP: org-wide suppression, every subscription of every channel, and
            // nothing queued goes.
            let newSuppression = try await session.suppress(phone, source: .voiceKeypress, at: nowMS)
            guard newVoiceOptOut || newSuppression else { return false }
            try await session.execute(
                """
                UPDATE outbound_message SET status = 'suppressed', reason = 'the number opted out (pressed 9 during an alert call)',
                    updated_at = \(nowMS) WHERE phone = \(phone) AND lane = 'bulk' AND status IN ('queued', 'deferred')
                """
            )
            try await session.append(
                ConsentEntry(
                    phone: phone, campaignID: nil, action: .optOut, channel: Channel.voice.rawValue, source: .voiceKeypress,
                    keyword: "9", rawText: "pressed 9 during alert call \(callID ?? "outbound_message:\(messageID)")",
                    language: try row.get("language", as: String?.self), occurredAt: nowMS
                )
            )
            try await session.audit("voice.opt_out", actor: "supporter", subject: "outbound_message:\(messageID)", detail: callID, at: nowMS)
            return true
        }
    }

    public func recordCallStatus(messageID: Int64, callID: String, status: CallStatus, now: Date) async throws -> String? {
        let nowMS = now.millisecondsSince1970
        return try await self.transaction { session in
            guard
                let row = try await session.row(
                    "SELECT status, carrier_message_id FROM outbound_message WHERE id = \(messageID) AND channel = 'voice' FOR UPDATE"
                )
            else { return nil }
            let current = try row.get("status", as: String.self)
            if let stored = try row.get("carrier_message_id", as: String?.self), stored != callID {
                throw StoreError(.conflict, "call \(callID) is not the call of message \(messageID)")
            }
            let state = status.messageState
            guard state.advances(from: current) else { return current }
            try await session.execute(
                """
                UPDATE outbound_message SET status = \(state.rawValue), carrier_message_id = \(callID),
                    reason = \("call \(status.rawValue)"), updated_at = \(nowMS),
                    sent_at = CASE WHEN \(state.rawValue)::text = 'queued' THEN sent_at ELSE COALESCE(sent_at, \(nowMS)) END
                WHERE id = \(messageID)
                """
            )
            return state.rawValue
        }
    }

    public func recordPatchThrough(messageID: Int64, now: Date) async throws {
        try await self.transaction { session in
            try await session.audit(
                "voice.patch_through", actor: "supporter", subject: "outbound_message:\(messageID)", detail: nil,
                at: now.millisecondsSince1970
            )
        }
    }
}

import Foundation
import GRDB
import TocsinCore

extension SQLiteStore {
    public func storedCall(id: Int64) async throws -> StoredCall? {
        try await self.writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT o.phone, o.from_number, o.language, o.body, o.status, o.carrier_message_id, c.slug,
                            c.call_target_name, c.call_target_number, c.languages,
                            EXISTS (SELECT 1 FROM suppression x WHERE x.phone = o.phone)
                              OR EXISTS (SELECT 1 FROM voice_suppression v WHERE v.phone = o.phone) AS opted_out
                        FROM outbound_message o LEFT JOIN campaign c ON c.id = o.campaign_id
                        WHERE o.id = ? AND o.channel = 'voice'
                        """,
                    arguments: [id]
                ),
                let phone = PhoneNumber(e164: row[0])
            else { return nil }
            let languages = (row[9] as String?)?.split(separator: ",").map(String.init) ?? []
            let call = OutboundCall(
                messageID: id, to: phone, from: row[1], language: (row[2] as String?) ?? languages.first ?? "en",
                script: (row[3] as String?) ?? "", organisationName: "", callbackNumber: "", targetName: row[7],
                targetNumber: row[8], campaign: row[6]
            )
            return StoredCall(call: call, status: row[4], carrierCallID: row[5], optedOut: row[10])
        }
    }

    public func recordVoiceOptOut(messageID: Int64, callID: String?, now: Date) async throws -> Bool {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT phone, language FROM outbound_message WHERE id = ? AND channel = 'voice'", arguments: [messageID]
                )
            else { throw StoreError(.notFound, "no alert call with id \(messageID)") }
            let phone: String = row[0]
            try db.run(
                "INSERT INTO voice_suppression (phone, source, outbound_message_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (phone) DO NOTHING",
                [phone, ConsentSource.voiceKeypress.rawValue, messageID, nowMS]
            )
            let newVoiceOptOut = db.changesCount > 0
            // Press 9 is an opt-out like STOP (product: "suppressed everywhere at once, never another
            // message"): org-wide suppression, every subscription of every channel, and nothing queued goes.
            let newSuppression = try db.suppress(phone, source: .voiceKeypress, at: nowMS)
            guard newVoiceOptOut || newSuppression else { return false }
            try db.run(
                """
                UPDATE outbound_message SET status = 'suppressed', reason = 'the number opted out (pressed 9 during an alert call)',
                    updated_at = ? WHERE phone = ? AND lane = 'bulk' AND status IN ('queued', 'deferred')
                    AND id NOT IN (SELECT message_id FROM dispatch_lease)
                """,
                [nowMS, phone]
            )
            try db.append(
                ConsentEntry(
                    phone: phone, campaignID: nil, action: .optOut, channel: Channel.voice.rawValue, source: .voiceKeypress,
                    keyword: "9", rawText: "pressed 9 during alert call \(callID ?? "outbound_message:\(messageID)")",
                    language: row[1], occurredAt: nowMS
                )
            )
            try db.audit("voice.opt_out", actor: "supporter", subject: "outbound_message:\(messageID)", detail: callID, at: nowMS)
            return true
        }
    }

    public func recordCallStatus(messageID: Int64, callID: String, status: CallStatus, now: Date) async throws -> String? {
        try await self.writer.write { db in
            let nowMS = now.millisecondsSince1970
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT status, carrier_message_id FROM outbound_message WHERE id = ? AND channel = 'voice'",
                    arguments: [messageID]
                )
            else { return nil }
            let current: String = row[0]
            if let stored = row[1] as String?, stored != callID {
                throw StoreError(.conflict, "call \(callID) is not the call of message \(messageID)")
            }
            let state = status.messageState
            guard state.advances(from: current) else { return current }
            try db.run(
                """
                UPDATE outbound_message SET status = ?, carrier_message_id = ?, reason = ?, updated_at = ?,
                    sent_at = CASE WHEN ? = 'queued' THEN sent_at ELSE COALESCE(sent_at, ?) END WHERE id = ?
                """,
                [state.rawValue, callID, "call \(status.rawValue)", nowMS, state.rawValue, nowMS, messageID]
            )
            return state.rawValue
        }
    }

    public func recordPatchThrough(messageID: Int64, now: Date) async throws {
        try await self.writer.write { db in
            try db.audit("voice.patch_through", actor: "supporter", subject: "outbound_message:\(messageID)", detail: nil, at: now.millisecondsSince1970)
        }
    }
}

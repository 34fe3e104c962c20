import Foundation
import TocsinCore

/// Sends SMS through Telnyx's Messaging API v2: `POST {base}/v2/messages`, JSON, `Authorization: Bearer`.
///
/// Answers are read through ``TelnyxErrors/table``; a 2xx answer's `data.id` is the carrier message id
/// that delivery webhooks (``TelnyxEvent``) refer to.
public struct TelnyxMessages: CarrierAdapter {
    public let id = "telnyx"
    let credentials: TelnyxCredentials
    let apiBaseURL: String
    let webhookURL: String?
    let http: CarrierHTTP

    /// - Parameters:
    ///   - apiBaseURL: `https://api.telnyx.com`, or a local stub in tests (`telnyx.api_base_url`).
    ///   - webhookURL: Where Telnyx posts this message's delivery events (`server.public_url` +
    ///     `/webhooks/telnyx/sms`); nil leaves it to the messaging profile.
    public init(
        credentials: TelnyxCredentials, apiBaseURL: String = "https://api.telnyx.com", webhookURL: String?,
        http: CarrierHTTP = CarrierHTTP()
    ) {
        self.credentials = credentials
        self.apiBaseURL = apiBaseURL.hasSuffix("/") ? String(apiBaseURL.dropLast()) : apiBaseURL
        self.webhookURL = webhookURL
        self.http = http
    }

    /// The messages resource URL.
    public var messagesURL: String { "\(self.apiBaseURL)/v2/messages" }

    public func send(_ message: OutboundSMS) async throws(CarrierError) -> CarrierReceipt {
        let answer = try await self.http.post(
            url: self.messagesURL,
            headers: [
                ("Authorization", "Bearer \(self.credentials.apiKey)"), ("Content-Type", "application/json"),
                ("Accept", "application/json"),
            ],
            body: Array(self.body(for: message).utf8), carrier: "telnyx"
        )
        let json = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
        guard (200...299).contains(answer.status) else {
            let first = (json?["errors"] as? [[String: Any]])?.first
            let code = first?["code"].map { "\($0)" }
            throw TelnyxErrors.error(status: answer.status, code: code, detail: (first?["detail"] ?? first?["title"]) as? String)
        }
        guard let data = json?["data"] as? [String: Any], let messageID = data["id"] as? String, !messageID.isEmpty else {
            throw CarrierError(.unavailable, message: "Telnyx HTTP \(answer.status) without data.id", carrier: self.id)
        }
        return CarrierReceipt(carrierMessageID: messageID, carrier: self.id)
    }

    /// The JSON body: `from` or `messaging_profile_id`, `to`, `text`, and `webhook_url` when configured.
    public func body(for message: OutboundSMS) -> String {
        let quoted = JSONText.quoted
        var members: [String] = []
        if let profile = self.credentials.messagingProfileID {
            members.append("\"messaging_profile_id\":\(quoted(profile))")
        } else {
            members.append("\"from\":\(quoted(message.from))")
        }
        members.append("\"to\":\(quoted(message.to.e164))")
        members.append("\"text\":\(quoted(message.body))")
        if let webhook = self.webhookURL { members.append("\"webhook_url\":\(quoted(webhook))") }
        return "{" + members.joined(separator: ",") + "}"
    }
}

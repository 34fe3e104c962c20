/// How fast one sender (a short code, a 10DLC or long code number) may send.
public struct SenderLimits: Sendable, Hashable {
    public var perSecond: Int
    public var perMinute: Int
    public var perDay: Int

    public init(perSecond: Int = 100, perMinute: Int = 6000, perDay: Int = 1_000_000) {
        self.perSecond = perSecond
        self.perMinute = perMinute
        self.perDay = perDay
    }

    /// Parses `"100/6000/1000000"` (per second / per minute / per day).
    public init?(_ text: String) {
        let parts = text.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let second = parts[0], let minute = parts[1], let day = parts[2],
            second > 0, minute > 0, day > 0
        else { return nil }
        self.init(perSecond: second, perMinute: minute, perDay: day)
    }
}

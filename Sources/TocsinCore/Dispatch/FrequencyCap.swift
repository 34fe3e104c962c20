import Foundation

/// The most messages a campaign promised per 30 days, read from its disclosed frequency
/// (`"Up to 4 msgs/month"`, `"2 messages per week"`, `"1 msg/day"`).
public enum FrequencyCap {
    /// Messages per 30 days, or nil when the text states no number per period ("Msg frequency varies").
    ///
    /// A weekly figure counts four weeks and a daily one 30 days (the lower bound, so the promise holds).
    public static func perThirtyDays(_ disclosed: String) -> Int? {
        let text = disclosed.lowercased()
        let tokens = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard let index = tokens.firstIndex(where: { Int($0) != nil }), let count = Int(tokens[index]) else { return nil }
        for token in tokens[(index + 1)...] {
            switch token {
            case "month", "months", "mo", "monthly", "mois", "mes", "mensual", "mensuels": return count
            case "week", "weeks", "wk", "weekly", "semaine", "semana": return count * 4
            case "day", "days", "daily", "jour", "día", "dia": return count * 30
            default: continue
            }
        }
        return nil
    }
}

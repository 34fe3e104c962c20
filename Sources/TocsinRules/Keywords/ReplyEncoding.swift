/// The character set reply texts of a language must fit in.
enum ReplyEncoding: String, Sendable, CaseIterable {
    /// GSM 03.38 default alphabet (plus extension table): 160 characters per SMS.
    case gsm7
    /// Anything (Chinese): 70 characters per SMS.
    case ucs2
}

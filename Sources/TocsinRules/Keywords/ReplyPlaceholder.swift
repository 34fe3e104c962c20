/// The placeholders a reply text may use, written `{brand}` and so on.
public enum ReplyPlaceholder: String, Sendable, CaseIterable, Hashable {
    /// The organisation or program brand.
    case brand
    /// The campaign program name.
    case program
    /// The disclosed message frequency, e.g. "Up to 4 msgs/month".
    case frequency
    /// The support contact (toll-free number, email or URL).
    case support
    /// A campaign join keyword.
    case keyword
}

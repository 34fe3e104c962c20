extension PhoneNumber: Codable {
    /// Decodes the single E.164 string, rejecting anything ``init(e164:)`` rejects.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let number = PhoneNumber(e164: try container.decode(String.self)) else {
            // The value itself stays out of the error: it may be a real number and end up in a log.
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a valid phone number in canonical E.164 form (+ and the digits, no spaces)"
            )
        }
        self = number
    }

    /// Encodes the single E.164 string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.e164)
    }
}

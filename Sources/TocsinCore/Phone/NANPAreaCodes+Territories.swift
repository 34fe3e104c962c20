extension NANPAreaCodes {
    /// US territories on +1. Each has its own ISO region and an ISO 3166-2 US subdivision (US-PR, ...).
    static let territoryCodes: [[NANPAreaCode]] = [
        territory("AS", ["Pacific/Pago_Pago"], "684"),  // American Samoa
        territory("GU", ["Pacific/Guam"], "671"),  // Guam
        territory("MP", ["Pacific/Saipan"], "670"),  // Northern Mariana Islands
        territory("PR", ["America/Puerto_Rico"], "787", "939"),  // Puerto Rico
        territory("VI", ["America/St_Thomas"], "340"),  // US Virgin Islands
    ]
}

extension NANPAreaCodes {
    /// Codes not tied to a place. Numbers in them are valid, but their region and time zone are unknown.
    static let nonGeographicCodes: [[NANPAreaCode]] = [
        // 5XX: personal communications and machine-to-machine services.
        nonGeographic("500", "521", "522", "523", "524", "525", "526", "527", "528", "529", "532", "533", "544"),
        nonGeographic("566", "577", "588"),
        // Canadian non-geographic services.
        nonGeographic("600", "622", "633"),
        // 700: carrier-specific services; 710: US government (GETS).
        nonGeographic("700", "710"),
        // Toll-free.
        nonGeographic("800", "833", "844", "855", "866", "877", "888"),
        // Premium rate.
        nonGeographic("900"),
    ]
}

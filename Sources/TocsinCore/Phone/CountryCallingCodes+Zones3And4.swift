extension CountryCallingCodes {
    /// World zones 3 and 4: Europe.
    static let zones3And4: [CountryCallingCode] = [
        .init(30, "GR", 10...10, service: [11, 12], timeZones: ["Europe/Athens"]),  // Greece
        .init(31, "NL", 9...11, service: [5, 6, 7, 8], trunk: "0", timeZones: ["Europe/Amsterdam"]),  // Netherlands
        .init(32, "BE", 8...9, trunk: "0", timeZones: ["Europe/Brussels"]),  // Belgium
        .init(33, "FR", 9...9, trunk: "0", timeZones: ["Europe/Paris"]),  // France
        // Spain
        .init(34, "ES", 9...9, timeZones: ["Europe/Madrid", "Atlantic/Canary", "Africa/Ceuta"], rules: [
            .init(["822", "828", "922", "928"], timeZones: ["Atlantic/Canary"]),
        ]),
        .init(36, "HU", 8...9, trunk: "06", timeZones: ["Europe/Budapest"]),  // Hungary
        // Italy; Vatican City (06 698)
        .init(39, "IT", 6...12, timeZones: ["Europe/Rome"], rules: [
            .init(["06698"], region: "VA", timeZones: ["Europe/Vatican"]),
        ]),
        .init(40, "RO", 6...9, trunk: "0", timeZones: ["Europe/Bucharest"]),  // Romania
        .init(41, "CH", 9...9, trunk: "0", timeZones: ["Europe/Zurich"]),  // Switzerland
        .init(43, "AT", 4...13, trunk: "0", timeZones: ["Europe/Vienna"]),  // Austria
        // United Kingdom; Guernsey, Jersey, Isle of Man stay GB
        .init(44, "GB", 9...10, service: [7], trunk: "0", timeZones: ["Europe/London"]),
        .init(45, "DK", 8...8, timeZones: ["Europe/Copenhagen"]),  // Denmark
        .init(46, "SE", 7...9, service: [6, 10], trunk: "0", timeZones: ["Europe/Stockholm"]),  // Sweden
        // Norway; Svalbard (79)
        .init(47, "NO", 8...8, service: [5], timeZones: ["Europe/Oslo"], rules: [
            .init(["79"], region: "SJ", timeZones: ["Arctic/Longyearbyen"]),
        ]),
        .init(48, "PL", 7...9, service: [10], timeZones: ["Europe/Warsaw"]),  // Poland
        .init(49, "DE", 5...13, trunk: "0", timeZones: ["Europe/Berlin", "Europe/Busingen"]),  // Germany
        .init(350, "GI", 8...8, timeZones: ["Europe/Gibraltar"]),  // Gibraltar
        // Portugal
        .init(351, "PT", 9...9, timeZones: ["Europe/Lisbon", "Atlantic/Madeira", "Atlantic/Azores"], rules: [
            .init(["291"], timeZones: ["Atlantic/Madeira"]),
            .init(["292", "295", "296"], timeZones: ["Atlantic/Azores"]),
        ]),
        .init(352, "LU", 4...11, timeZones: ["Europe/Luxembourg"]),  // Luxembourg
        .init(353, "IE", 7...10, trunk: "0", timeZones: ["Europe/Dublin"]),  // Ireland
        .init(354, "IS", 7...9, timeZones: ["Atlantic/Reykjavik"]),  // Iceland
        .init(355, "AL", 8...9, service: [6, 7], trunk: "0", timeZones: ["Europe/Tirane"]),  // Albania
        .init(356, "MT", 8...8, timeZones: ["Europe/Malta"]),  // Malta
        .init(357, "CY", 8...8, timeZones: ["Asia/Nicosia", "Asia/Famagusta"]),  // Cyprus
        // Finland; Åland (18)
        .init(358, "FI", 5...10, service: [11, 12], trunk: "0", timeZones: ["Europe/Helsinki"], rules: [
            .init(["18"], region: "AX", timeZones: ["Europe/Mariehamn"]),
        ]),
        .init(359, "BG", 6...9, service: [12], trunk: "0", timeZones: ["Europe/Sofia"]),  // Bulgaria
        .init(370, "LT", 8...8, trunk: "0", timeZones: ["Europe/Vilnius"]),  // Lithuania
        .init(371, "LV", 8...8, timeZones: ["Europe/Riga"]),  // Latvia
        .init(372, "EE", 7...8, service: [10], timeZones: ["Europe/Tallinn"]),  // Estonia
        .init(373, "MD", 8...8, trunk: "0", timeZones: ["Europe/Chisinau"]),  // Moldova
        .init(374, "AM", 8...8, trunk: "0", timeZones: ["Asia/Yerevan"]),  // Armenia
        .init(375, "BY", 9...9, service: [6, 7, 8, 10, 11], trunk: "80", timeZones: ["Europe/Minsk"]),  // Belarus
        .init(376, "AD", 6...9, timeZones: ["Europe/Andorra"]),  // Andorra
        .init(377, "MC", 8...9, trunk: "0", timeZones: ["Europe/Monaco"]),  // Monaco
        .init(378, "SM", 8...10, timeZones: ["Europe/San_Marino"]),  // San Marino
        .init(380, "UA", 9...9, service: [10], trunk: "0", timeZones: ["Europe/Kyiv", "Europe/Simferopol"]),  // Ukraine
        .init(381, "RS", 7...12, service: [6], trunk: "0", timeZones: ["Europe/Belgrade"]),  // Serbia
        .init(382, "ME", 8...8, service: [9], trunk: "0", timeZones: ["Europe/Podgorica"]),  // Montenegro
        .init(383, "XK", 8...12, trunk: "0", timeZones: ["Europe/Belgrade"]),  // Kosovo
        .init(385, "HR", 8...9, service: [7], trunk: "0", timeZones: ["Europe/Zagreb"]),  // Croatia
        .init(386, "SI", 8...8, service: [5, 6, 7], trunk: "0", timeZones: ["Europe/Ljubljana"]),  // Slovenia
        .init(387, "BA", 8...9, trunk: "0", timeZones: ["Europe/Sarajevo"]),  // Bosnia & Herzegovina
        .init(389, "MK", 8...8, trunk: "0", timeZones: ["Europe/Skopje"]),  // North Macedonia
        .init(420, "CZ", 9...9, timeZones: ["Europe/Prague"]),  // Czech Republic
        .init(421, "SK", 6...9, trunk: "0", timeZones: ["Europe/Bratislava"]),  // Slovakia
        .init(423, "LI", 7...9, trunk: "0", timeZones: ["Europe/Vaduz"]),  // Liechtenstein
    ]
}

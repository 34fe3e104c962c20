extension CountryCallingCodes {
    /// World zones 7 to 9: Russia and Kazakhstan, East and South Asia, the Middle East, and international services.
    static let zones7To9: [CountryCallingCode] = [
        // Russia; Kazakhstan (6, 7)
        .init(7, "RU", 10...10, service: [14], trunk: "8", timeZones: Self.russia, rules: [
            .init(["6", "7"], region: "KZ", timeZones: Self.kazakhstan),
        ]),
        .init(81, "JP", 9...10, service: [8, 11, 12, 13], trunk: "0", timeZones: ["Asia/Tokyo"]),  // Japan
        .init(82, "KR", 5...11, service: [12, 13], trunk: "0", timeZones: ["Asia/Seoul"]),  // Korea (South)
        .init(84, "VN", 9...10, service: [7, 8], trunk: "0", timeZones: ["Asia/Ho_Chi_Minh"]),  // Vietnam
        .init(86, "CN", 7...11, service: [12], trunk: "0", timeZones: ["Asia/Shanghai", "Asia/Urumqi"]),  // China
        .init(90, "TR", 10...10, service: [7, 12, 13], trunk: "0", timeZones: ["Europe/Istanbul"]),  // Turkey
        .init(91, "IN", 10...10, service: [8, 9, 11, 12, 13], trunk: "0", timeZones: ["Asia/Kolkata"]),  // India
        .init(92, "PK", 9...10, service: [8, 11, 12], trunk: "0", timeZones: ["Asia/Karachi"]),  // Pakistan
        .init(93, "AF", 9...9, trunk: "0", timeZones: ["Asia/Kabul"]),  // Afghanistan
        .init(94, "LK", 9...9, trunk: "0", timeZones: ["Asia/Colombo"]),  // Sri Lanka
        .init(95, "MM", 6...10, trunk: "0", timeZones: ["Asia/Yangon"]),  // Myanmar (Burma)
        .init(98, "IR", 6...10, service: [4, 5], trunk: "0", timeZones: ["Asia/Tehran"]),  // Iran
        .init(800, nil, 8...8, timeZones: []),  // International Freephone (UIFN)
        .init(808, nil, 8...8, timeZones: []),  // International Shared Cost Service
        .init(850, "KP", 8...10, trunk: "0", timeZones: ["Asia/Pyongyang"]),  // Korea (North)
        .init(852, "HK", 8...8, service: [5, 6, 7, 9, 11], timeZones: ["Asia/Hong_Kong"]),  // Hong Kong
        .init(853, "MO", 8...8, service: [7], timeZones: ["Asia/Macau"]),  // Macau
        .init(855, "KH", 8...9, service: [10], trunk: "0", timeZones: ["Asia/Phnom_Penh"]),  // Cambodia
        .init(856, "LA", 8...10, trunk: "0", timeZones: ["Asia/Vientiane"]),  // Laos
        .init(870, nil, 9...12, timeZones: []),  // Inmarsat
        .init(878, nil, 12...12, timeZones: []),  // Universal Personal Telecommunications
        .init(880, "BD", 6...10, trunk: "0", timeZones: ["Asia/Dhaka"]),  // Bangladesh
        .init(881, nil, 9...10, timeZones: []),  // Global Mobile Satellite System
        .init(882, nil, 7...12, timeZones: []),  // International Networks
        .init(883, nil, 8...12, timeZones: []),  // International Networks
        .init(886, "TW", 8...11, service: [7], trunk: "0", timeZones: ["Asia/Taipei"]),  // Taiwan
        .init(888, nil, 11...11, timeZones: []),  // UN OCHA humanitarian telecommunications
        .init(960, "MV", 7...7, service: [10], timeZones: ["Indian/Maldives"]),  // Maldives
        .init(961, "LB", 7...8, trunk: "0", timeZones: ["Asia/Beirut"]),  // Lebanon
        .init(962, "JO", 8...9, trunk: "0", timeZones: ["Asia/Amman"]),  // Jordan
        .init(963, "SY", 8...9, trunk: "0", timeZones: ["Asia/Damascus"]),  // Syria
        .init(964, "IQ", 8...10, trunk: "0", timeZones: ["Asia/Baghdad"]),  // Iraq
        .init(965, "KW", 8...8, service: [7], timeZones: ["Asia/Kuwait"]),  // Kuwait
        .init(966, "SA", 9...9, service: [10], trunk: "0", timeZones: ["Asia/Riyadh"]),  // Saudi Arabia
        .init(967, "YE", 7...9, trunk: "0", timeZones: ["Asia/Aden"]),  // Yemen
        .init(968, "OM", 8...8, service: [7, 9], timeZones: ["Asia/Muscat"]),  // Oman
        .init(970, "PS", 8...9, service: [10], trunk: "0", timeZones: ["Asia/Hebron", "Asia/Gaza"]),  // Palestine
        // United Arab Emirates
        .init(971, "AE", 8...9, service: [5, 6, 7, 10, 11, 12], trunk: "0", timeZones: ["Asia/Dubai"]),
        .init(972, "IL", 8...12, service: [7], trunk: "0", timeZones: ["Asia/Jerusalem"]),  // Israel
        .init(973, "BH", 8...8, timeZones: ["Asia/Bahrain"]),  // Bahrain
        .init(974, "QA", 8...8, service: [7, 9, 11], timeZones: ["Asia/Qatar"]),  // Qatar
        .init(975, "BT", 7...8, timeZones: ["Asia/Thimphu"]),  // Bhutan
        .init(976, "MN", 8...10, trunk: "0", timeZones: ["Asia/Ulaanbaatar", "Asia/Hovd"]),  // Mongolia
        .init(977, "NP", 8...10, service: [11], trunk: "0", timeZones: ["Asia/Kathmandu"]),  // Nepal
        .init(979, nil, 9...9, timeZones: []),  // International Premium Rate Service
        .init(992, "TJ", 9...9, timeZones: ["Asia/Dushanbe"]),  // Tajikistan
        .init(993, "TM", 8...8, trunk: "8", timeZones: ["Asia/Ashgabat"]),  // Turkmenistan
        .init(994, "AZ", 9...9, trunk: "0", timeZones: ["Asia/Baku"]),  // Azerbaijan
        .init(995, "GE", 9...9, trunk: "0", timeZones: ["Asia/Tbilisi"]),  // Georgia
        .init(996, "KG", 9...9, service: [10], trunk: "0", timeZones: ["Asia/Bishkek"]),  // Kyrgyzstan
        .init(998, "UZ", 9...9, timeZones: ["Asia/Tashkent", "Asia/Samarkand"]),  // Uzbekistan
    ]

    /// Russia, Moscow first.
    static let russia = [
        "Europe/Moscow", "Europe/Kaliningrad", "Europe/Kirov", "Europe/Volgograd", "Europe/Astrakhan",
        "Europe/Saratov", "Europe/Ulyanovsk", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk",
        "Asia/Novosibirsk", "Asia/Barnaul", "Asia/Tomsk", "Asia/Novokuznetsk", "Asia/Krasnoyarsk", "Asia/Irkutsk",
        "Asia/Chita", "Asia/Yakutsk", "Asia/Khandyga", "Asia/Vladivostok", "Asia/Ust-Nera", "Asia/Magadan",
        "Asia/Sakhalin", "Asia/Srednekolymsk", "Asia/Kamchatka", "Asia/Anadyr",
    ]

    /// Kazakhstan (a single offset since March 2024), Almaty first.
    static let kazakhstan = [
        "Asia/Almaty", "Asia/Qyzylorda", "Asia/Qostanay", "Asia/Aqtobe", "Asia/Aqtau", "Asia/Atyrau", "Asia/Oral",
    ]
}

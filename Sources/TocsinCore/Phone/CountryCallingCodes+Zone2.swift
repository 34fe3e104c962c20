extension CountryCallingCodes {
    /// World zone 2: Africa, plus 290–299 (Saint Helena, Eritrea, Aruba, Faroe Islands, Greenland).
    static let zone2: [CountryCallingCode] = [
        .init(20, "EG", 8...10, trunk: "0", timeZones: ["Africa/Cairo"]),  // Egypt
        .init(27, "ZA", 5...9, service: [10], trunk: "0", timeZones: ["Africa/Johannesburg"]),  // South Africa
        .init(211, "SS", 9...9, trunk: "0", timeZones: ["Africa/Juba"]),  // South Sudan
        // Morocco; Western Sahara (5288, 5289)
        .init(212, "MA", 9...9, trunk: "0", timeZones: ["Africa/Casablanca"], rules: [
            .init(["5288", "5289"], region: "EH", timeZones: ["Africa/El_Aaiun"]),
        ]),
        .init(213, "DZ", 8...9, trunk: "0", timeZones: ["Africa/Algiers"]),  // Algeria
        .init(216, "TN", 8...8, timeZones: ["Africa/Tunis"]),  // Tunisia
        .init(218, "LY", 9...9, trunk: "0", timeZones: ["Africa/Tripoli"]),  // Libya
        .init(220, "GM", 7...9, timeZones: ["Africa/Banjul"]),  // Gambia
        .init(221, "SN", 9...9, timeZones: ["Africa/Dakar"]),  // Senegal
        .init(222, "MR", 8...8, timeZones: ["Africa/Nouakchott"]),  // Mauritania
        .init(223, "ML", 8...8, timeZones: ["Africa/Bamako"]),  // Mali
        .init(224, "GN", 8...9, timeZones: ["Africa/Conakry"]),  // Guinea
        .init(225, "CI", 10...10, timeZones: ["Africa/Abidjan"]),  // Côte d'Ivoire
        .init(226, "BF", 8...8, timeZones: ["Africa/Ouagadougou"]),  // Burkina Faso
        .init(227, "NE", 8...8, timeZones: ["Africa/Niamey"]),  // Niger
        .init(228, "TG", 8...8, timeZones: ["Africa/Lome"]),  // Togo
        .init(229, "BJ", 10...10, timeZones: ["Africa/Porto-Novo"]),  // Benin
        .init(230, "MU", 7...8, service: [10], timeZones: ["Indian/Mauritius"]),  // Mauritius
        .init(231, "LR", 7...9, trunk: "0", timeZones: ["Africa/Monrovia"]),  // Liberia
        .init(232, "SL", 8...8, trunk: "0", timeZones: ["Africa/Freetown"]),  // Sierra Leone
        .init(233, "GH", 9...9, service: [8], trunk: "0", timeZones: ["Africa/Accra"]),  // Ghana
        .init(234, "NG", 10...10, service: [11, 12], trunk: "0", timeZones: ["Africa/Lagos"]),  // Nigeria
        .init(235, "TD", 8...8, timeZones: ["Africa/Ndjamena"]),  // Chad
        .init(236, "CF", 8...8, timeZones: ["Africa/Bangui"]),  // Central African Rep.
        .init(237, "CM", 9...9, service: [8], timeZones: ["Africa/Douala"]),  // Cameroon
        .init(238, "CV", 7...7, timeZones: ["Atlantic/Cape_Verde"]),  // Cape Verde
        .init(239, "ST", 7...7, timeZones: ["Africa/Sao_Tome"]),  // Sao Tome & Principe
        .init(240, "GQ", 9...9, timeZones: ["Africa/Malabo"]),  // Equatorial Guinea
        .init(241, "GA", 7...8, timeZones: ["Africa/Libreville"]),  // Gabon
        .init(242, "CG", 9...9, timeZones: ["Africa/Brazzaville"]),  // Congo (Rep.)
        .init(243, "CD", 7...10, trunk: "0", timeZones: ["Africa/Kinshasa", "Africa/Lubumbashi"]),  // Congo (Dem. Rep.)
        .init(244, "AO", 9...9, timeZones: ["Africa/Luanda"]),  // Angola
        .init(245, "GW", 7...9, timeZones: ["Africa/Bissau"]),  // Guinea-Bissau
        .init(246, "IO", 7...7, timeZones: ["Indian/Chagos"]),  // British Indian Ocean Territory
        .init(247, "SH", 5...5, service: [6], timeZones: ["Atlantic/St_Helena"]),  // Ascension Island
        .init(248, "SC", 7...7, timeZones: ["Indian/Mahe"]),  // Seychelles
        .init(249, "SD", 9...9, trunk: "0", timeZones: ["Africa/Khartoum"]),  // Sudan
        .init(250, "RW", 8...9, trunk: "0", timeZones: ["Africa/Kigali"]),  // Rwanda
        .init(251, "ET", 9...9, trunk: "0", timeZones: ["Africa/Addis_Ababa"]),  // Ethiopia
        .init(252, "SO", 6...9, trunk: "0", timeZones: ["Africa/Mogadishu"]),  // Somalia
        .init(253, "DJ", 8...8, timeZones: ["Africa/Djibouti"]),  // Djibouti
        .init(254, "KE", 7...9, service: [10], trunk: "0", timeZones: ["Africa/Nairobi"]),  // Kenya
        .init(255, "TZ", 9...9, trunk: "0", timeZones: ["Africa/Dar_es_Salaam"]),  // Tanzania
        .init(256, "UG", 9...9, trunk: "0", timeZones: ["Africa/Kampala"]),  // Uganda
        .init(257, "BI", 8...8, timeZones: ["Africa/Bujumbura"]),  // Burundi
        .init(258, "MZ", 8...9, timeZones: ["Africa/Maputo"]),  // Mozambique
        .init(260, "ZM", 9...9, trunk: "0", timeZones: ["Africa/Lusaka"]),  // Zambia
        .init(261, "MG", 9...9, trunk: "0", timeZones: ["Indian/Antananarivo"]),  // Madagascar
        // Réunion; Mayotte (269, 639)
        .init(262, "RE", 9...9, trunk: "0", timeZones: ["Indian/Reunion"], rules: [
            .init(["269", "639"], region: "YT", timeZones: ["Indian/Mayotte"]),
        ]),
        .init(263, "ZW", 9...10, service: [7], trunk: "0", timeZones: ["Africa/Harare"]),  // Zimbabwe
        .init(264, "NA", 8...9, trunk: "0", timeZones: ["Africa/Windhoek"]),  // Namibia
        .init(265, "MW", 7...9, trunk: "0", timeZones: ["Africa/Blantyre"]),  // Malawi
        .init(266, "LS", 8...8, timeZones: ["Africa/Maseru"]),  // Lesotho
        .init(267, "BW", 7...8, service: [10], timeZones: ["Africa/Gaborone"]),  // Botswana
        .init(268, "SZ", 8...8, service: [9], timeZones: ["Africa/Mbabane"]),  // Eswatini (Swaziland)
        .init(269, "KM", 7...7, timeZones: ["Indian/Comoro"]),  // Comoros
        .init(290, "SH", 4...5, timeZones: ["Atlantic/St_Helena"]),  // Saint Helena; Tristan da Cunha (8)
        .init(291, "ER", 7...7, trunk: "0", timeZones: ["Africa/Asmara"]),  // Eritrea
        .init(297, "AW", 7...7, timeZones: ["America/Aruba"]),  // Aruba
        .init(298, "FO", 6...6, timeZones: ["Atlantic/Faroe"]),  // Faroe Islands
        .init(299, "GL", 6...6, timeZones: Self.greenland),  // Greenland
    ]

    /// Greenland, Nuuk first.
    static let greenland = [
        "America/Nuuk", "America/Danmarkshavn", "America/Scoresbysund", "America/Thule",
    ]
}

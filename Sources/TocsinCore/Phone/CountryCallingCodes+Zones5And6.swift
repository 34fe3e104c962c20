extension CountryCallingCodes {
    /// World zones 5 and 6: Latin America, South-East Asia and Oceania.
    static let zones5And6: [CountryCallingCode] = [
        .init(51, "PE", 8...9, trunk: "0", timeZones: ["America/Lima"]),  // Peru
        // Mexico
        .init(52, "MX", 10...10, timeZones: Self.mexico, rules: [
            .init(["33", "55", "56"], timeZones: ["America/Mexico_City"]),
            .init(["81"], timeZones: ["America/Monterrey"]),
            .init(["664"], timeZones: ["America/Tijuana"]),
        ]),
        .init(53, "CU", 6...10, trunk: "0", timeZones: ["America/Havana"]),  // Cuba
        .init(54, "AR", 10...11, trunk: "0", timeZones: Self.argentina),  // Argentina
        // Brazil
        .init(55, "BR", 10...11, service: [8, 9], trunk: "0", timeZones: Self.brazil, rules: Self.brazilByAreaCode),
        .init(56, "CL", 9...9, service: [10, 11], timeZones: Self.chile),  // Chile
        .init(57, "CO", 8...10, service: [11], trunk: "0", timeZones: ["America/Bogota"]),  // Colombia
        .init(58, "VE", 10...10, trunk: "0", timeZones: ["America/Caracas"]),  // Venezuela
        .init(60, "MY", 8...10, trunk: "0", timeZones: ["Asia/Kuala_Lumpur", "Asia/Kuching"]),  // Malaysia
        // Australia; Cocos (89162), Christmas Island (89164)
        .init(
            61, "AU", 9...9, service: [6, 7, 8, 10, 12], trunk: "0", timeZones: Self.australia,
            rules: Self.australiaByAreaCode
        ),
        // Indonesia
        .init(62, "ID", 7...12, service: [13], trunk: "0", timeZones: Self.indonesia, rules: [
            .init(["21"], timeZones: ["Asia/Jakarta"]),
        ]),
        .init(63, "PH", 6...10, service: [11, 12, 13], trunk: "0", timeZones: ["Asia/Manila"]),  // Philippines
        // New Zealand
        .init(64, "NZ", 8...10, service: [5, 6, 7], trunk: "0", timeZones: ["Pacific/Auckland", "Pacific/Chatham"]),
        .init(65, "SG", 8...8, service: [10, 11], timeZones: ["Asia/Singapore"]),  // Singapore
        .init(66, "TH", 8...9, service: [10, 13], trunk: "0", timeZones: ["Asia/Bangkok"]),  // Thailand
        .init(500, "FK", 5...5, timeZones: ["Atlantic/Stanley"]),  // Falkland Islands
        .init(501, "BZ", 7...7, service: [11], timeZones: ["America/Belize"]),  // Belize
        .init(502, "GT", 8...8, service: [11], timeZones: ["America/Guatemala"]),  // Guatemala
        .init(503, "SV", 8...8, service: [7, 11], timeZones: ["America/El_Salvador"]),  // El Salvador
        .init(504, "HN", 8...8, service: [11], timeZones: ["America/Tegucigalpa"]),  // Honduras
        .init(505, "NI", 8...8, timeZones: ["America/Managua"]),  // Nicaragua
        .init(506, "CR", 8...8, service: [10], timeZones: ["America/Costa_Rica"]),  // Costa Rica
        .init(507, "PA", 7...8, service: [10, 11], timeZones: ["America/Panama"]),  // Panama
        .init(508, "PM", 6...9, trunk: "0", timeZones: ["America/Miquelon"]),  // St Pierre & Miquelon
        .init(509, "HT", 8...8, timeZones: ["America/Port-au-Prince"]),  // Haiti
        // Guadeloupe, Saint Barthélemy, Saint Martin
        .init(590, "GP", 9...9, trunk: "0", timeZones: ["America/Guadeloupe"]),
        .init(591, "BO", 8...8, service: [9], trunk: "0", timeZones: ["America/La_Paz"]),  // Bolivia
        .init(592, "GY", 7...7, timeZones: ["America/Guyana"]),  // Guyana
        // Ecuador
        .init(593, "EC", 8...9, service: [10, 11], trunk: "0", timeZones: ["America/Guayaquil", "Pacific/Galapagos"]),
        .init(594, "GF", 9...9, trunk: "0", timeZones: ["America/Cayenne"]),  // French Guiana
        .init(595, "PY", 7...9, service: [6, 10, 11], trunk: "0", timeZones: ["America/Asuncion"]),  // Paraguay
        .init(596, "MQ", 9...9, trunk: "0", timeZones: ["America/Martinique"]),  // Martinique
        .init(597, "SR", 6...7, timeZones: ["America/Paramaribo"]),  // Suriname
        // Uruguay
        .init(598, "UY", 8...8, service: [4, 5, 6, 7, 9, 10, 11, 12], trunk: "0", timeZones: ["America/Montevideo"]),
        // Curaçao; Caribbean Netherlands (3, 4, 7)
        .init(599, "CW", 7...8, timeZones: ["America/Curacao"], rules: [
            .init(["3", "4", "7"], region: "BQ", timeZones: ["America/Kralendijk"]),
        ]),
        .init(670, "TL", 7...8, timeZones: ["Asia/Dili"]),  // East Timor
        // Norfolk Island; Australian Antarctic bases (1)
        .init(672, "NF", 6...6, timeZones: ["Pacific/Norfolk"], rules: [
            .init(["1"], region: "AQ",
                timeZones: ["Antarctica/Casey", "Antarctica/Davis", "Antarctica/Mawson", "Antarctica/Macquarie"],
            ),
        ]),
        .init(673, "BN", 7...7, timeZones: ["Asia/Brunei"]),  // Brunei
        .init(674, "NR", 7...7, timeZones: ["Pacific/Nauru"]),  // Nauru
        .init(675, "PG", 7...8, timeZones: ["Pacific/Port_Moresby", "Pacific/Bougainville"]),  // Papua New Guinea
        .init(676, "TO", 5...7, timeZones: ["Pacific/Tongatapu"]),  // Tonga
        .init(677, "SB", 5...7, timeZones: ["Pacific/Guadalcanal"]),  // Solomon Islands
        .init(678, "VU", 5...7, timeZones: ["Pacific/Efate"]),  // Vanuatu
        .init(679, "FJ", 7...7, service: [11], timeZones: ["Pacific/Fiji"]),  // Fiji
        .init(680, "PW", 7...7, timeZones: ["Pacific/Palau"]),  // Palau
        .init(681, "WF", 6...6, service: [9], timeZones: ["Pacific/Wallis"]),  // Wallis & Futuna
        .init(682, "CK", 5...5, timeZones: ["Pacific/Rarotonga"]),  // Cook Islands
        .init(683, "NU", 4...7, timeZones: ["Pacific/Niue"]),  // Niue
        .init(685, "WS", 5...10, timeZones: ["Pacific/Apia"]),  // Samoa (western)
        // Kiribati
        .init(686, "KI", 5...8, trunk: "0", timeZones: ["Pacific/Tarawa", "Pacific/Kiritimati", "Pacific/Kanton"]),
        .init(687, "NC", 6...6, timeZones: ["Pacific/Noumea"]),  // New Caledonia
        .init(688, "TV", 5...7, timeZones: ["Pacific/Funafuti"]),  // Tuvalu
        // French Polynesia
        .init(689, "PF", 8...8, service: [6, 9], timeZones: ["Pacific/Tahiti", "Pacific/Marquesas", "Pacific/Gambier"]),
        .init(690, "TK", 4...7, timeZones: ["Pacific/Fakaofo"]),  // Tokelau
        .init(691, "FM", 7...7, timeZones: ["Pacific/Pohnpei", "Pacific/Chuuk", "Pacific/Kosrae"]),  // Micronesia
        .init(692, "MH", 7...7, trunk: "1", timeZones: ["Pacific/Majuro", "Pacific/Kwajalein"]),  // Marshall Islands
    ]

    /// Mexico, Central time first.
    static let mexico = [
        "America/Mexico_City", "America/Cancun", "America/Merida", "America/Monterrey", "America/Matamoros",
        "America/Chihuahua", "America/Ciudad_Juarez", "America/Ojinaga", "America/Mazatlan",
        "America/Bahia_Banderas", "America/Hermosillo", "America/Tijuana",
    ]

    /// Argentina, Buenos Aires first.
    static let argentina = [
        "America/Argentina/Buenos_Aires", "America/Argentina/Cordoba", "America/Argentina/Salta",
        "America/Argentina/Jujuy", "America/Argentina/Tucuman", "America/Argentina/Catamarca",
        "America/Argentina/La_Rioja", "America/Argentina/San_Juan", "America/Argentina/Mendoza",
        "America/Argentina/San_Luis", "America/Argentina/Rio_Gallegos", "America/Argentina/Ushuaia",
    ]

    /// Chile, Santiago first.
    static let chile = [
        "America/Santiago", "America/Punta_Arenas", "America/Coyhaique", "Pacific/Easter",
    ]

    /// Australia, by population.
    static let australia = [
        "Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth", "Australia/Adelaide",
        "Australia/Hobart", "Australia/Darwin", "Australia/Broken_Hill", "Australia/Lindeman", "Australia/Eucla",
        "Australia/Lord_Howe", "Antarctica/Macquarie",
    ]

    /// Indonesia: western, central and eastern time.
    static let indonesia = [
        "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Asia/Pontianak",
    ]

    /// Brazil, Brasília time first.
    static let brazil = [
        "America/Sao_Paulo", "America/Noronha", "America/Belem", "America/Fortaleza", "America/Recife",
        "America/Araguaina", "America/Maceio", "America/Bahia", "America/Campo_Grande", "America/Cuiaba",
        "America/Santarem", "America/Porto_Velho", "America/Boa_Vista", "America/Manaus", "America/Eirunepe",
        "America/Rio_Branco",
    ]

    /// Brazil by two-digit area code (DDD): states on Brasília time, then the others.
    static let brazilByAreaCode: [CountryCallingCode.PrefixRule] = [
        .init(["1", "2", "3", "4", "5", "61", "62", "64"], timeZones: ["America/Sao_Paulo"]),  // SE, South, DF, GO
        .init(["63"], timeZones: ["America/Araguaina"]),  // Tocantins
        .init(["65", "66"], timeZones: ["America/Cuiaba"]),  // Mato Grosso
        .init(["67"], timeZones: ["America/Campo_Grande"]),  // Mato Grosso do Sul
        .init(["68"], timeZones: ["America/Rio_Branco"]),  // Acre
        .init(["69"], timeZones: ["America/Porto_Velho"]),  // Rondônia
        .init(["71", "73", "74", "75", "77"], timeZones: ["America/Bahia"]),  // Bahia
        .init(["79", "82"], timeZones: ["America/Maceio"]),  // Sergipe, Alagoas
        .init(["81"], timeZones: ["America/Recife", "America/Noronha"]),  // Pernambuco incl. Fernando de Noronha
        .init(["87"], timeZones: ["America/Recife"]),  // Pernambuco
        .init(["83", "84", "85", "86", "88", "89", "98", "99"], timeZones: ["America/Fortaleza"]),  // PB RN CE PI MA
        .init(["91", "94", "96"], timeZones: ["America/Belem"]),  // eastern Pará, Amapá
        .init(["93"], timeZones: ["America/Santarem"]),  // western Pará
        .init(["92"], timeZones: ["America/Manaus"]),  // Manaus area
        .init(["97"], timeZones: ["America/Manaus", "America/Eirunepe"]),  // interior of Amazonas
        .init(["95"], timeZones: ["America/Boa_Vista"]),  // Roraima
    ]

    /// Australia by area code (02 NSW/ACT, 03 VIC/TAS, 07 QLD, 08 SA/WA/NT) and the Indian Ocean territories.
    static let australiaByAreaCode: [CountryCallingCode.PrefixRule] = [
        .init(["2"], timeZones: ["Australia/Sydney", "Australia/Lord_Howe"]),
        .init(["3"], timeZones: ["Australia/Melbourne", "Australia/Hobart"]),
        .init(["7"], timeZones: ["Australia/Brisbane", "Australia/Lindeman"]),
        .init(
            ["8"],
            timeZones: [
                "Australia/Perth", "Australia/Adelaide", "Australia/Darwin", "Australia/Broken_Hill", "Australia/Eucla",
            ]
        ),
        .init(["89162"], region: "CC", timeZones: ["Indian/Cocos"]),
        .init(["89164"], region: "CX", timeZones: ["Indian/Christmas"]),
    ]
}

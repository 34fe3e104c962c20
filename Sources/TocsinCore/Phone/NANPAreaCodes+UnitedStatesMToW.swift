extension NANPAreaCodes {
    /// US area codes, Montana to Wyoming.
    static let unitedStatesMToW: [[NANPAreaCode]] = [
        // Montana
        us("MT", mountain, "406"),
        // Nebraska
        us("NE", centralAndMountain, "308"),  // the Panhandle (Scottsbluff, Ogallala) is on Mountain time
        us("NE", central, "402", "531"),
        // Nevada
        us("NV", pacific, "702", "725"),
        us("NV", ["America/Los_Angeles", "America/Denver"], "775"),  // West Wendover (and, unofficially, Jackpot)
        // New Hampshire
        us("NH", eastern, "603"),
        // New Jersey
        us("NJ", eastern, "201", "551", "609", "640", "732", "848", "856", "862", "908", "973"),
        // New Mexico
        us("NM", mountain, "505", "575"),
        // New York
        us("NY", eastern,
            "212", "315", "329", "332", "347", "363", "516", "518", "585", "607", "624", "631", "646", "680", "716",
            "718", "838", "845", "914", "917", "929", "934"
        ),
        // North Carolina
        us("NC", eastern, "252", "336", "472", "704", "743", "828", "910", "919", "980", "984"),
        // North Dakota
        us("ND", centralAndMountain, "701"),  // the southwest (Dickinson, Bowman) is on Mountain time
        // Ohio
        us("OH", eastern,
            "216", "220", "234", "283", "326", "330", "380", "419", "436", "440", "513", "567", "614", "740", "937"
        ),
        // Oklahoma
        us("OK", central, "405", "539", "572", "580", "918"),
        // Oregon
        us("OR", ["America/Los_Angeles", "America/Boise"], "458", "541"),  // Malheur County (Ontario) is on Mountain time
        us("OR", pacific, "503", "971"),
        // Pennsylvania
        us("PA", eastern,
            "215", "223", "267", "272", "412", "445", "484", "570", "582", "610", "717", "724", "814", "835", "878"
        ),
        // Rhode Island
        us("RI", eastern, "401"),
        // South Carolina
        us("SC", eastern, "803", "821", "839", "843", "854", "864"),
        // South Dakota
        us("SD", centralAndMountain, "605"),  // west of the Missouri (Rapid City) is on Mountain time
        // Tennessee
        us("TN", easternAndCentral, "423"),  // Marion, Sequatchie and Bledsoe counties are Central
        us("TN", central, "615", "629", "731", "901", "931"),
        us("TN", eastern, "865"),
        // Texas
        us("TX", central,
            "210", "214", "254", "281", "325", "346", "361", "409", "430", "432", "469", "512", "682", "713", "726",
            "737", "806", "817", "830", "832", "903", "936", "940", "945", "956", "972", "979"
        ),
        us("TX", mountain, "915"),  // El Paso and Hudspeth counties
        // Utah
        us("UT", mountain, "385", "435", "801"),
        // Vermont
        us("VT", eastern, "802"),
        // Virginia
        us("VA", eastern, "276", "434", "540", "571", "686", "703", "757", "804", "826", "948"),
        // Washington
        us("WA", pacific, "206", "253", "360", "425", "509", "564"),
        // West Virginia
        us("WV", eastern, "304", "681"),
        // Wisconsin
        us("WI", central, "262", "274", "353", "414", "534", "608", "715", "920"),
        // Wyoming
        us("WY", mountain, "307"),
    ]
}

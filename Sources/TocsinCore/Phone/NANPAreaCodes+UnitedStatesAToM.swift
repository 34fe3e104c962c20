extension NANPAreaCodes {
    /// US area codes, Alabama to Missouri (DC included).
    static let unitedStatesAToM: [[NANPAreaCode]] = [
        // Alabama
        us("AL", central, "205", "251", "256", "659", "938"),
        us("AL", centralAndEastern, "334"),  // Phenix City and Lanett keep Eastern time unofficially
        // Alaska
        us("AK", alaska, "907"),
        // Arizona
        us("AZ", arizona, "480", "520", "602", "623"),
        us("AZ", ["America/Phoenix", "America/Denver"], "928"),  // the Navajo Nation observes DST
        // Arkansas
        us("AR", central, "327", "479", "501", "870"),
        // California
        us("CA", pacific,
            "209", "213", "279", "310", "323", "341", "350", "357", "369", "408", "415", "424", "442", "510", "530",
            "559", "562", "619", "626", "628", "650", "657", "661", "669", "707", "714", "738", "747", "760", "805",
            "818", "820", "831", "840", "858", "909", "916", "925", "949", "951"
        ),
        // Colorado
        us("CO", mountain, "303", "719", "720", "748", "970", "983"),
        // Connecticut
        us("CT", eastern, "203", "475", "860", "959"),
        // Delaware
        us("DE", eastern, "302"),
        // District of Columbia
        us("DC", eastern, "202", "771"),
        // Florida
        us("FL", eastern,
            "239", "305", "321", "324", "352", "386", "407", "561", "645", "656", "689", "727", "728", "754", "772",
            "786", "813", "863", "904", "941", "954"
        ),
        us("FL", centralAndEastern, "448", "850"),  // the western Panhandle is Central, Tallahassee Eastern
        // Georgia
        us("GA", eastern, "229", "404", "470", "478", "678", "706", "762", "770", "912", "943"),
        // Hawaii
        us("HI", hawaii, "808"),
        // Idaho
        us("ID", idaho, "208", "986"),
        // Illinois
        us("IL", central,
            "217", "224", "309", "312", "331", "447", "464", "618", "630", "708", "730", "773", "779", "815", "847",
            "861", "872"
        ),
        // Indiana
        us("IN", centralAndEastern, "219"),  // Central except a few exchanges in Eastern counties
        us("IN", eastern, "260", "317", "463", "765"),
        us("IN", easternAndCentral, "574", "812", "930"),
        // Iowa
        us("IA", central, "319", "515", "563", "641", "712"),
        // Kansas
        us("KS", central, "316", "913"),
        us("KS", centralAndMountain, "620", "785"),  // Greeley, Hamilton, Sherman and Wallace counties
        // Kentucky
        us("KY", centralAndEastern, "270", "364"),  // western Kentucky Central, Elizabethtown area Eastern
        us("KY", eastern, "502", "859"),
        us("KY", easternAndCentral, "606"),  // Wayne, Clinton, Russell and Cumberland counties are Central
        // Louisiana
        us("LA", central, "225", "318", "337", "457", "504", "985"),
        // Maine
        us("ME", eastern, "207"),
        // Maryland
        us("MD", eastern, "227", "240", "301", "410", "443", "667"),
        // Massachusetts
        us("MA", eastern, "339", "351", "413", "508", "617", "774", "781", "857", "978"),
        // Michigan
        us("MI", eastern, "231", "248", "269", "313", "517", "586", "616", "679", "734", "810", "947", "989"),
        us("MI", easternAndCentral, "906"),  // four Upper Peninsula counties bordering Wisconsin are Central
        // Minnesota
        us("MN", central, "218", "320", "507", "612", "651", "763", "952"),
        // Mississippi
        us("MS", central, "228", "601", "662", "769"),
        // Missouri
        us("MO", central, "235", "314", "417", "557", "573", "636", "660", "816", "975"),
    ]
}

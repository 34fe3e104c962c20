extension NANPAreaCodes {
    /// The other countries and territories on +1, each with its own area code(s).
    static let caribbeanCodes: [[NANPAreaCode]] = [
        country("AG", ["America/Antigua"], "268"),  // Antigua and Barbuda
        country("AI", ["America/Anguilla"], "264"),  // Anguilla
        country("BB", ["America/Barbados"], "246"),  // Barbados
        country("BM", ["Atlantic/Bermuda"], "441"),  // Bermuda
        country("BS", ["America/Nassau"], "242"),  // Bahamas
        country("DM", ["America/Dominica"], "767"),  // Dominica
        country("DO", ["America/Santo_Domingo"], "809", "829", "849"),  // Dominican Republic
        country("GD", ["America/Grenada"], "473"),  // Grenada
        country("JM", ["America/Jamaica"], "658", "876"),  // Jamaica
        country("KN", ["America/St_Kitts"], "869"),  // Saint Kitts and Nevis
        country("KY", ["America/Cayman"], "345"),  // Cayman Islands
        country("LC", ["America/St_Lucia"], "758"),  // Saint Lucia
        country("MS", ["America/Montserrat"], "664"),  // Montserrat
        country("SX", ["America/Lower_Princes"], "721"),  // Sint Maarten
        country("TC", ["America/Grand_Turk"], "649"),  // Turks and Caicos Islands
        country("TT", ["America/Port_of_Spain"], "868"),  // Trinidad and Tobago
        country("VC", ["America/St_Vincent"], "784"),  // Saint Vincent and the Grenadines
        country("VG", ["America/Tortola"], "284"),  // British Virgin Islands
    ]
}

/// Letters from other scripts that look like Latin letters, mapped to the Latin letter they imitate.
///
/// Used to build a *skeleton* of a message: if "STОP" (with a Cyrillic О) has the skeleton "STOP", someone
/// either typed on a Cyrillic keyboard or disguised the word; either way a human reviews it instead of the
/// gateway acting on it. The list covers Cyrillic, Greek, Armenian and Cherokee look-alikes of A–Z in
/// both cases (mapped before uppercasing, because some imitate only the lowercase form: "п" ≈ "n").
enum Confusables {
    /// The Latin capital each look-alike maps to.
    static let map: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        let groups: [(String, Character)] = [
            // Cyrillic
            ("АаӐӑ", "A"), ("ВвЬ", "B"), ("Сс", "C"), ("ԁ", "D"), ("ЕеЁё", "E"), ("Нһн", "H"), ("ІіЇїӀ", "I"),
            ("Јј", "J"), ("Кк", "K"), ("Мм", "M"), ("п", "N"), ("Оо", "O"), ("Рр", "P"), ("ԛԚ", "Q"),
            ("г", "R"), ("Ѕѕ", "S"), ("Тт", "T"), ("Уу", "Y"), ("Хх", "X"), ("ԜԝѠѡ", "W"), ("Ѵѵ", "V"),
            // Greek
            ("Αα", "A"), ("Ββ", "B"), ("Εε", "E"), ("Ζ", "Z"), ("Ηη", "H"), ("Ιιί", "I"), ("Κκ", "K"),
            ("Μ", "M"), ("Νη", "N"), ("Οοό", "O"), ("Ρρ", "P"), ("Ττ", "T"), ("Υυ", "Y"), ("Χχ", "X"),
            ("ν", "V"),
            // Armenian
            ("օ", "O"), ("Ս", "U"), ("ս", "U"), ("Տ", "S"), ("ք", "P"),
            // Cherokee
            ("Ꭺ", "A"), ("Ᏼ", "B"), ("Ꮯ", "C"), ("Ꭼ", "E"), ("Ꮋ", "H"), ("Ꭻ", "J"), ("Ꮶ", "K"), ("Ꮇ", "M"),
            ("Ꮎ", "O"), ("Ꮲ", "P"), ("Ꮪ", "S"), ("Ꭲ", "T"), ("Ꮤ", "W"), ("Ꮃ", "W"), ("Ꮓ", "Z"),
        ]
        for (letters, latin) in groups {
            for scalar in letters.unicodeScalars where table[scalar.value] == nil {
                table[scalar.value] = latin.asciiValue!
            }
        }
        return table
    }()
}

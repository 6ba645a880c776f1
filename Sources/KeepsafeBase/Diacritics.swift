extension StringProtocol {
    /// The text lowercased with the accents of Latin letters removed (`"Åland"` →
    /// `"aland"`), for searches typed on any keyboard. Covers Latin-1 and Latin
    /// Extended-A, which is every letter in the country table; other text is only
    /// lowercased.
    public var foldedForSearch: String {
        var out = ""
        for character in nfc.lowercased() {
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                let base = LatinFolding.table[scalar]
            {
                out += base
            } else {
                out.append(character)
            }
        }
        return out
    }
}

/// Accented lowercase Latin letters and the plain letters they fold to.
enum LatinFolding {
    static let groups: [(String, String)] = [
        ("àáâãäåāăą", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĳ", "ij"), ("ĵ", "j"), ("ķĸ", "k"),
        ("ĺļľŀł", "l"), ("ñńņňŉŋ", "n"), ("òóôõöøōŏő", "o"), ("œ", "oe"), ("ŕŗř", "r"),
        ("śŝşšſ", "s"), ("ß", "ss"), ("ţťŧ", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"), ("ýÿŷ", "y"),
        ("źżž", "z"), ("ð", "d"), ("þ", "th"),
    ]

    static let table: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [:]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = base }
        }
        return table
    }()
}

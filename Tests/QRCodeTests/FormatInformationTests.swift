import Testing

@testable import QRCode

@Suite("Format and version information")
struct FormatInformationTests {
    /// Annex C, table C.1: the masked format codewords for L, M, Q, H and masks 0...7.
    static let formatCodewords: [ErrorCorrection: [Int]] = [
        .low: [0x77C4, 0x72F3, 0x7DAA, 0x789D, 0x662F, 0x6318, 0x6C41, 0x6976],
        .medium: [0x5412, 0x5125, 0x5E7C, 0x5B4B, 0x45F9, 0x40CE, 0x4F97, 0x4AA0],
        .quartile: [0x355F, 0x3068, 0x3F31, 0x3A06, 0x24B4, 0x2183, 0x2EDA, 0x2BED],
        .high: [0x1689, 0x13BE, 0x1CE7, 0x19D0, 0x0762, 0x0255, 0x0D0C, 0x083B],
    ]

    @Test("format codewords match annex C", arguments: ErrorCorrection.allCases)
    func formatCodewords(level: ErrorCorrection) {
        let actual = (0..<8).map { FormatInformation.codeword(level: level, mask: $0) }
        #expect(actual == Self.formatCodewords[level])
    }

    /// Annex D, table D.1: version information codewords for versions 7...40.
    static let versionCodewords = [
        0x07C94, 0x085BC, 0x09A99, 0x0A4D3, 0x0BBF6, 0x0C762, 0x0D847, 0x0E60D, 0x0F928, 0x10B78,
        0x1145D, 0x12A17, 0x13532, 0x149A6, 0x15683, 0x168C9, 0x177EC, 0x18EC4, 0x191E1, 0x1AFAB,
        0x1B08E, 0x1CC1A, 0x1D33F, 0x1ED75, 0x1F250, 0x209D5, 0x216F0, 0x228BA, 0x2379F, 0x24B0B,
        0x2542E, 0x26A64, 0x27541, 0x28C69,
    ]

    @Test("version codewords match annex D")
    func versionCodewords() {
        #expect((7...40).map(FormatInformation.versionCodeword) == Self.versionCodewords)
    }

    /// Slow, obvious BCH: polynomial long division over GF(2) on arrays of bits.
    static func bchRemainder(data: Int, dataBits: Int, generator: Int, generatorDegree: Int) -> Int {
        var bits = (0..<(dataBits + generatorDegree)).map { index in
            index < dataBits ? (data >> (dataBits - 1 - index)) & 1 : 0
        }
        let generatorBits = (0...generatorDegree).map { (generator >> (generatorDegree - $0)) & 1 }
        for index in 0..<dataBits where bits[index] == 1 {
            for offset in 0...generatorDegree { bits[index + offset] ^= generatorBits[offset] }
        }
        return bits.suffix(generatorDegree).reduce(0) { $0 << 1 | $1 }
    }

    @Test("the fast BCH codes equal slow long division for every input")
    func bchAgainstLongDivision() {
        for data in 0..<32 {
            let remainder = Self.bchRemainder(data: data, dataBits: 5, generator: 0x537, generatorDegree: 10)
            #expect(FormatInformation.codeword(data) == ((data << 10 | remainder) ^ 0x5412))
        }
        for version in 7...40 {
            let remainder = Self.bchRemainder(
                data: version, dataBits: 6, generator: 0x1F25, generatorDegree: 12)
            #expect(FormatInformation.versionCodeword(version) == version << 12 | remainder)
        }
    }

    @Test("format decoding corrects up to three flipped bits")
    func formatDecodingCorrects() throws {
        for level in ErrorCorrection.allCases {
            for mask in 0..<8 {
                let codeword = FormatInformation.codeword(level: level, mask: mask)
                let damaged = codeword ^ 0b100_0000_1000_0001
                let decoded = try #require(FormatInformation.decode(damaged))
                #expect(decoded.level == level && decoded.mask == mask)
            }
        }
    }

    @Test("the symbol carries its level and mask in both format copies")
    func symbolFormatBits() throws {
        for level in ErrorCorrection.allCases {
            for mask in 0..<8 {
                let code = try QRCode.encode(
                    text: "format", errorCorrection: level, mask: mask, boostErrorCorrection: false)
                let n = code.size
                var first = 0
                var second = 0
                // Bit i of the first copy: (8, 0...5), (8, 7), (8, 8), (7, 8), then (14 − i, 8) for 9...14.
                let firstPositions =
                    (0...5).map { (8, $0) } + [(8, 7), (8, 8), (7, 8)] + (9..<15).map { (14 - $0, 8) }
                let secondPositions = (0..<8).map { (n - 1 - $0, 8) } + (8..<15).map { (8, n - 15 + $0) }
                for (index, position) in firstPositions.enumerated() where code[position.0, position.1] {
                    first |= 1 << index
                }
                for (index, position) in secondPositions.enumerated() where code[position.0, position.1] {
                    second |= 1 << index
                }
                #expect(first == FormatInformation.codeword(level: level, mask: mask))
                #expect(second == first)
                #expect(code[8, n - 8], "the dark module")
            }
        }
    }
}

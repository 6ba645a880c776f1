import Testing

@testable import QRCode

/// The per-version tables checked against the standard's printed figures and against
/// obvious counting on a drawn symbol.
@Suite("Standard tables")
struct StandardTablesTests {
    /// Data codewords per version and level (ISO/IEC 18004 table 7), as printed: L, M, Q, H.
    static let dataCodewords: [Int: [Int]] = [
        1: [19, 16, 13, 9], 2: [34, 28, 22, 16], 3: [55, 44, 34, 26], 4: [80, 64, 48, 36],
        5: [108, 86, 62, 46], 6: [136, 108, 76, 60], 7: [156, 124, 88, 66], 8: [194, 154, 110, 86],
        9: [232, 182, 132, 100], 10: [274, 216, 154, 122], 40: [2956, 2334, 1666, 1276],
    ]

    @Test("data codewords per version and level match table 7", arguments: dataCodewords.keys.sorted())
    func dataCodewordCapacity(version: Int) {
        let expected = Self.dataCodewords[version] ?? []
        let actual = ErrorCorrection.allCases.map { SymbolTables.dataCodewords(version: version, level: $0) }
        #expect(actual == expected)
    }

    /// Character capacities from table 7: (version, level, numeric, alphanumeric, byte).
    static let characterCapacities: [(Int, ErrorCorrection, Int, Int, Int)] = [
        (1, .low, 41, 25, 17), (1, .medium, 34, 20, 14), (1, .quartile, 27, 16, 11), (1, .high, 17, 10, 7),
        (2, .low, 77, 47, 32), (5, .quartile, 144, 87, 60), (10, .medium, 513, 311, 213),
        (40, .low, 7089, 4296, 2953), (40, .medium, 5596, 3391, 2331), (40, .quartile, 3993, 2420, 1663),
        (40, .high, 3057, 1852, 1273),
    ]

    @Test("character capacities: the last character that fits and the one that does not")
    func characterCapacity() throws {
        for (version, level, numeric, alphanumeric, bytes) in Self.characterCapacities {
            let cases: [(Int, (Int) throws -> QRSegment)] = [
                (numeric, { try QRSegment.numeric(String(repeating: "7", count: $0)) }),
                (alphanumeric, { try QRSegment.alphanumeric(String(repeating: "A", count: $0)) }),
                (bytes, { QRSegment.bytes([UInt8](repeating: 0x61, count: $0)) }),
            ]
            for (capacity, make) in cases {
                let fits = try QRCode.encode(
                    segments: [make(capacity)], errorCorrection: level, minVersion: version,
                    maxVersion: version,
                    boostErrorCorrection: false)
                #expect(fits.version == version)
                #expect(throws: QRCodeError.self) {
                    try QRCode.encode(
                        segments: [make(capacity + 1)], errorCorrection: level, minVersion: version,
                        maxVersion: version, boostErrorCorrection: false)
                }
            }
        }
    }

    @Test("every version's total codewords equals its block structure for all four levels")
    func blockStructureIsConsistent() {
        for version in 1...40 {
            let total = SymbolTables.totalCodewords(version: version)
            for level in ErrorCorrection.allCases {
                let blocks = SymbolTables.blockCount[level.ordinal][version]
                let ecc = SymbolTables.eccCodewordsPerBlock[level.ordinal][version]
                let data = SymbolTables.dataCodewords(version: version, level: level)
                #expect(data > 0 && data + blocks * ecc == total)
                // Long blocks hold exactly one more data codeword than short ones.
                #expect(total / blocks - ecc >= 1)
            }
        }
    }

    @Test("the raw data module formula equals a count of the non-function modules of a drawn symbol")
    func rawDataModulesByCounting() {
        for version in 1...40 {
            let matrix = ModuleMatrix(version: version)
            let counted = matrix.isFunction.filter { $0 == 0 }.count
            #expect(counted == SymbolTables.rawDataModules(version: version), "version \(version)")
        }
    }

    @Test("alignment pattern centres follow annex E's construction: first 6, last size−7, equal even steps")
    func alignmentCentres() {
        #expect(SymbolTables.alignmentCentres[1].isEmpty)
        for version in 2...40 {
            let centres = SymbolTables.alignmentCentres[version]
            let size = SymbolTables.size(of: version)
            #expect(centres.count == version / 7 + 2, "version \(version)")
            #expect(centres.first == 6)
            #expect(centres.last == size - 7)
            // All steps but the first are equal and even; the first takes up the slack.
            let steps = zip(centres.dropFirst(), centres).map { $0 - $1 }
            let step = steps.last ?? 0
            #expect(step % 2 == 0)
            #expect(steps.dropFirst().allSatisfy { $0 == step })
        }
        #expect(SymbolTables.alignmentCentres[7] == [6, 22, 38])
        #expect(SymbolTables.alignmentCentres[32] == [6, 34, 60, 86, 112, 138])
        #expect(SymbolTables.alignmentCentres[40] == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test("character count indicator widths follow table 3")
    func countIndicatorBits() {
        let expected: [(Int, [Int])] = [
            (1, [10, 9, 8]), (9, [10, 9, 8]), (10, [12, 11, 16]), (26, [12, 11, 16]),
            (27, [14, 13, 16]), (40, [14, 13, 16]),
        ]
        for (version, bits) in expected {
            let modes: [QRSegment.Mode] = [.numeric, .alphanumeric, .byte]
            #expect(modes.map { $0.characterCountBits(version: version) } == bits)
        }
    }
}

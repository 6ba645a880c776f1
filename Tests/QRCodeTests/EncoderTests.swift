import Testing

@testable import QRCode

@Suite("Encoder")
struct EncoderTests {
    /// Typical TOTP enrollment URIs: a 20-character account, a 160-bit secret and an issuer of
    /// about 20 characters once (parameter) or a shorter one twice (label prefix and parameter).
    static let enrollmentURIs = [
        "otpauth://totp/alice.lee@northwind.io?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Northwind-Supply-Co",
        "otpauth://totp/Northwind:alice.lee@northwind.io?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Northwind",
    ]

    @Test("the smallest version that fits is chosen, and the level is boosted while it still fits")
    func smallestVersionAndBoost() throws {
        let code = try QRCode.encode(text: "HELLO WORLD")
        #expect(code.version == 1)
        // 11 alphanumeric characters need 74 bits: they fit 1-Q (104) but not 1-H (72).
        #expect(code.errorCorrection == .quartile)
        let unboosted = try QRCode.encode(text: "HELLO WORLD", boostErrorCorrection: false)
        #expect(unboosted.errorCorrection == .low)
        #expect(unboosted.version == 1)
    }

    @Test("minVersion is respected and the level requested is the least one")
    func versionRange() throws {
        let code = try QRCode.encode(
            text: "a", errorCorrection: .medium, minVersion: 5, boostErrorCorrection: false)
        #expect(code.version == 5 && code.size == 37 && code.errorCorrection == .medium)
        let boosted = try QRCode.encode(text: "a", errorCorrection: .medium, minVersion: 5)
        #expect(boosted.errorCorrection == .high)
    }

    @Test("data too long reports the sizes")
    func dataTooLong() {
        let bytes = [UInt8](repeating: 0x41, count: 2954)
        #expect(
            throws: QRCodeError.dataTooLong(
                neededBits: 4 + 16 + 2954 * 8, availableBits: 2956 * 8, maxVersion: 40, errorCorrection: .low)
        ) {
            try QRCode.encode(bytes: bytes)
        }
        #expect(
            throws: QRCodeError.dataTooLong(
                neededBits: 4 + 8 + 18 * 8, availableBits: 19 * 8, maxVersion: 1, errorCorrection: .low)
        ) {
            try QRCode.encode(bytes: [UInt8](repeating: 0x61, count: 18), maxVersion: 1)
        }
        let error = QRCodeError.dataTooLong(
            neededBits: 100, availableBits: 72, maxVersion: 1, errorCorrection: .high)
        #expect(error.description.contains("version 1 at level H"))
    }

    @Test(
        "out-of-range arguments are typed errors",
        arguments: [(0, 40, nil), (1, 41, nil), (10, 9, nil), (1, 40, 8), (1, 40, -1)] as [(Int, Int, Int?)])
    func outOfRange(minVersion: Int, maxVersion: Int, mask: Int?) {
        #expect(throws: QRCodeError.self) {
            try QRCode.encode(text: "x", minVersion: minVersion, maxVersion: maxVersion, mask: mask)
        }
    }

    @Test("the raw constructor wants exactly the version's data codewords")
    func rawConstructor() throws {
        let data = [UInt8](repeating: 0xEC, count: 19)
        let code = try QRCode(version: 1, errorCorrection: .low, dataCodewords: data, mask: 3)
        #expect(code.version == 1 && code.mask == 3 && code.size == 21)
        #expect(throws: QRCodeError.self) {
            try QRCode(version: 1, errorCorrection: .low, dataCodewords: [1, 2])
        }
        #expect(throws: QRCodeError.versionOutOfRange(min: 41, max: 41)) {
            try QRCode(version: 41, errorCorrection: .low, dataCodewords: data)
        }
    }

    @Test("forced masks are used; every symbol has finders, timing and is out-of-bounds light")
    func structure() throws {
        for mask in 0..<8 {
            let code = try QRCode.encode(text: "structure", mask: mask)
            #expect(code.mask == mask)
            let n = code.size
            for (cx, cy) in [(3, 3), (n - 4, 3), (3, n - 4)] {
                #expect(code[cx, cy] && code[cx - 3, cy - 3] && !code[cx - 2, cy - 2] && code[cx - 1, cy - 1])
            }
            for index in 8..<(n - 8) {
                #expect(code[index, 6] == (index % 2 == 0))
                #expect(code[6, index] == (index % 2 == 0))
            }
            #expect(!code[-1, 0] && !code[0, -1] && !code[n, 0] && !code[0, n])
        }
    }

    @Test("text and its single byte segment agree when byte mode is optimal")
    func textEqualsBytesForLowerCase() throws {
        let text = "plain lower-case text"
        #expect(try QRCode.encode(text: text) == QRCode.encode(bytes: Array(text.utf8)))
        #expect(try QRCode.encode(text: "").version == 1)
    }

    @Test(
        "a typical TOTP enrollment URI renders within 23 rows by 80 columns, quiet zone included",
        arguments: enrollmentURIs)
    func enrollmentFitsTerminal(uri: String) throws {
        let code = try QRCode.encode(text: uri)
        let cells = code.cells(style: .halfBlocks)
        #expect(cells.count <= 23)
        #expect(cells.allSatisfy { $0.count <= 80 })
    }

    @Test("the 23-row limit is version 5: an issuer of 20 characters written twice needs version 6")
    func enrollmentLimit() throws {
        let long =
            "otpauth://totp/Northwind-Supply-Co:alice.lee@northwind.io?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            + "&issuer=Northwind-Supply-Co"
        let code = try QRCode.encode(text: long)
        #expect(code.version == 6)
        #expect(code.cells(style: .halfBlocks).count == 25)
        #expect(try QRCode.encode(text: Self.enrollmentURIs[0]).version == 5)
    }

    @Test("QRCode is a Sendable value")
    func sendable() async throws {
        let code = try QRCode.encode(text: "sendable")
        let copy = await Task.detached { code }.value
        #expect(copy == code)
    }
}

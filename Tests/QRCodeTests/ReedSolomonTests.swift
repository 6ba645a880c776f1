import Testing

@testable import QRCode

@Suite("Reed-Solomon")
struct ReedSolomonTests {
    /// Annex A: generator polynomials as exponents of α, highest term first.
    static let generators: [Int: [Int]] = [
        7: [0, 87, 229, 146, 149, 238, 102, 21],
        10: [0, 251, 67, 46, 61, 118, 70, 64, 94, 32, 45],
        13: [0, 74, 152, 176, 100, 86, 100, 106, 104, 130, 218, 206, 140, 78],
        15: [0, 8, 183, 61, 91, 202, 37, 51, 58, 58, 237, 140, 124, 5, 99, 105],
    ]

    @Test("generator polynomials match annex A", arguments: generators.keys.sorted())
    func generatorPolynomials(degree: Int) {
        #expect(ReedSolomon.generatorExponents(degree: degree) == Self.generators[degree])
    }

    /// Slow field multiplication: shift-and-add with reduction by 0x11D.
    static func slowMultiply(_ a: Int, _ b: Int) -> Int {
        var result = 0
        var a = a
        for bit in 0..<8 where (b >> bit) & 1 == 1 {
            var term = a
            for _ in 0..<bit { term = (term << 1) ^ ((term >> 7) & 1 == 1 ? 0x11D : 0) }
            result ^= term
            _ = a
        }
        a = 0
        return result
    }

    @Test("table multiplication equals shift-and-add for every pair")
    func multiplication() {
        for a in 0..<256 {
            for b in stride(from: 0, to: 256, by: 3) {
                #expect(Int(ReedSolomon.multiply(UInt8(a), UInt8(b))) == Self.slowMultiply(a, b))
            }
        }
    }

    /// Slow generator: multiply out ∏(x − αⁱ) with full coefficient arrays.
    static func slowGenerator(degree: Int) -> [Int] {
        var polynomial = [1]
        var root = 1
        for _ in 0..<degree {
            var product = [Int](repeating: 0, count: polynomial.count + 1)
            for (index, coefficient) in polynomial.enumerated() {
                product[index] ^= coefficient
                product[index + 1] ^= slowMultiply(coefficient, root)
            }
            polynomial = product
            root = slowMultiply(root, 2)
        }
        return polynomial
    }

    /// Slow remainder: long division of data · x^degree by the monic generator.
    static func slowRemainder(_ data: [Int], degree: Int) -> [Int] {
        let generator = slowGenerator(degree: degree)
        var dividend = data + [Int](repeating: 0, count: degree)
        for index in 0..<data.count where dividend[index] != 0 {
            let factor = dividend[index]
            for (offset, coefficient) in generator.enumerated() {
                dividend[index + offset] ^= slowMultiply(coefficient, factor)
            }
        }
        return Array(dividend.suffix(degree))
    }

    @Test("generators of every degree the standard uses equal the slow product")
    func generatorsAgainstSlowProduct() {
        let degrees = Set(SymbolTables.eccCodewordsPerBlock.flatMap { $0.filter { $0 > 0 } })
        for degree in degrees.sorted() {
            #expect(
                [1] + ReedSolomon.generator(degree: degree).map(Int.init)
                    == Self.slowGenerator(degree: degree))
        }
    }

    @Test("remainders equal slow long division on random blocks")
    func remaindersAgainstLongDivision() {
        var generator = SystemRandomNumberGenerator()
        for degree in [7, 10, 18, 22, 26, 30] {
            let polynomial = ReedSolomon.generator(degree: degree)
            for _ in 0..<20 {
                let data = (0..<Int.random(in: 1...120, using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
                let fast = ReedSolomon.remainder(of: data[...], generator: polynomial).map(Int.init)
                #expect(fast == Self.slowRemainder(data.map(Int.init), degree: degree))
            }
        }
    }

    @Test("the standard's worked example: 01234567 at 1-M (annex I)")
    func workedExample() throws {
        let segment = try QRSegment.numeric("01234567")
        let code = try QRCode.encode(
            segments: [segment], errorCorrection: .medium, maxVersion: 1, boostErrorCorrection: false)
        #expect(code.version == 1 && code.errorCorrection == .medium)
        let data: [UInt8] = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
        ]
        let ecc = ReedSolomon.remainder(of: data[...], generator: ReedSolomon.generator(degree: 10))
        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
        #expect(
            try code == QRCode(version: 1, errorCorrection: .medium, dataCodewords: data, mask: code.mask))
    }
}

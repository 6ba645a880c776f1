/// Reed-Solomon error correction over GF(2⁸) with the QR Code's field polynomial
/// x⁸ + x⁴ + x³ + x² + 1 (0x11D) and generator roots α⁰ … α^(n-1) (ISO/IEC 18004, 7.5.2 and annex A).
enum ReedSolomon {
    /// α^i for i in 0..<255, repeated once more so products need no modulo.
    static let exponent: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for power in 0..<255 {
            table[power] = UInt8(value)
            table[power + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// log_α(x) for x in 1...255 (index 0 unused).
    static let logarithm: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for power in 0..<255 { table[Int(exponent[power])] = power }
        return table
    }()

    /// Product of two field elements.
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exponent[logarithm[Int(a)] + logarithm[Int(b)]]
    }

    /// The generator polynomial of `degree` (1...255) as coefficients from x^(degree-1)
    /// down to x⁰, the leading x^degree coefficient (always 1) left out.
    ///
    /// The standard lists these as exponents of α (annex A); see ``generatorExponents(degree:)``.
    static func generator(degree: Int) -> [UInt8] {
        // Multiply (x - α⁰)(x - α¹)…(x - α^(degree-1)), keeping the monic term implicit.
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                coefficients[index] = multiply(coefficients[index], root)
                if index + 1 < degree { coefficients[index] ^= coefficients[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return coefficients
    }

    /// The generator's coefficients as exponents of α, leading term first, as annex A prints them.
    static func generatorExponents(degree: Int) -> [Int] {
        [0] + generator(degree: degree).map { logarithm[Int($0)] }
    }

    /// The remainder of data(x) · x^degree divided by the generator: the error correction codewords.
    ///
    /// - Complexity: O(data.count × generator.count).
    static func remainder(of data: ArraySlice<UInt8>, generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        var result = [UInt8](repeating: 0, count: degree)
        let generatorLogs = generator.map { logarithm[Int($0)] }
        let generatorZero = generator.map { $0 == 0 }
        for byte in data {
            let factor = byte ^ result[0]
            for index in 0..<degree - 1 { result[index] = result[index + 1] }
            result[degree - 1] = 0
            if factor == 0 { continue }
            let factorLog = logarithm[Int(factor)]
            for index in 0..<degree where !generatorZero[index] {
                result[index] ^= exponent[generatorLogs[index] + factorLog]
            }
        }
        return result
    }
}

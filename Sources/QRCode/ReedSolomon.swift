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

    /// Generator polynomials for every degree up to 30 (the most any version uses), so an
    /// encode does not multiply them out again.
    static let generators: [[UInt8]] = (0...30).map { $0 == 0 ? [] : generator(degree: $0) }

    /// The generator of `degree` (1...255), from the table when it holds it.
    static func cachedGenerator(degree: Int) -> [UInt8] {
        degree < generators.count ? generators[degree] : generator(degree: degree)
    }

    /// The remainder of data(x) · x^degree divided by the generator: the error correction codewords.
    ///
    /// A shift register: each data byte's feedback, times the generator, is added to the
    /// register as it shifts one place.
    ///
    /// - Complexity: O(data.count × generator.count).
    static func remainder(of data: ArraySlice<UInt8>, generator: [UInt8]) -> [UInt8] {
        let degree = generator.count
        var result = [UInt8](repeating: 0, count: degree)
        guard degree > 0 else { return result }
        // log_α of each coefficient, or -1 for a zero coefficient (none in the QR generators).
        let generatorLogs = generator.map { $0 == 0 ? -1 : logarithm[Int($0)] }
        exponent.withUnsafeBufferPointer { exponent in
            logarithm.withUnsafeBufferPointer { logarithm in
                generatorLogs.withUnsafeBufferPointer { coefficients in
                    result.withUnsafeMutableBufferPointer { register in
                        for byte in data {
                            let feedback = byte ^ register[0]
                            if feedback == 0 {
                                for index in 0..<(degree - 1) { register[index] = register[index + 1] }
                                register[degree - 1] = 0
                                continue
                            }
                            let feedbackLog = logarithm[Int(feedback)]
                            for index in 0..<degree {
                                let shifted = index + 1 < degree ? register[index + 1] : 0
                                let coefficient = coefficients[index]
                                register[index] =
                                    shifted ^ (coefficient < 0 ? 0 : exponent[coefficient + feedbackLog])
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

import Testing

@testable import QRCode

@Suite("Segments and mode choice")
struct SegmentationTests {
    /// Bits of `text` split into `modes` (one per character), merged into runs, or `nil` if a
    /// character does not fit its mode: the obvious cost of one candidate segmentation.
    static func bits(of bytes: [UInt8], modes: [QRSegment.Mode], version: Int) -> Int? {
        var total = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && modes[end] == modes[start] { end += 1 }
            let run = bytes[start..<end]
            let count = run.count
            switch modes[start] {
            case .numeric:
                guard run.allSatisfy(QRSegment.isDigit) else { return nil }
                total += 4 + QRSegment.Mode.numeric.characterCountBits(version: version)
                total += count / 3 * 10 + [0, 4, 7][count % 3]
            case .alphanumeric:
                guard run.allSatisfy(QRSegment.isAlphanumeric) else { return nil }
                total += 4 + QRSegment.Mode.alphanumeric.characterCountBits(version: version)
                total += count / 2 * 11 + count % 2 * 6
            case .byte:
                total += 4 + QRSegment.Mode.byte.characterCountBits(version: version) + 8 * count
            case .eci:
                return nil
            }
            start = end
        }
        return total
    }

    @Test("the chosen segmentation is as small as the best of every possible mode assignment")
    func optimalAgainstBruteForce() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCXYZ:/ ab?=&é".utf8)
        let modes: [QRSegment.Mode] = [.numeric, .alphanumeric, .byte]
        for version in [1, 10, 27] {
            for _ in 0..<60 {
                let length = Int.random(in: 1...7, using: &generator)
                let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0x30 }
                var best = Int.max
                for code in 0..<Int(pow3(length)) {
                    var rest = code
                    let assignment = (0..<length).map { _ -> QRSegment.Mode in
                        defer { rest /= 3 }
                        return modes[rest % 3]
                    }
                    if let cost = Self.bits(of: bytes, modes: assignment, version: version) {
                        best = min(best, cost)
                    }
                }
                let chosen = QRSegment.segments(forBytes: bytes, version: version)
                #expect(
                    QRSegment.totalBits(chosen, version: version) == best, "\(bytes) at version \(version)")
                #expect(chosen.flatMap { decodeSegment($0) } == bytes)
            }
        }
    }

    private func pow3(_ exponent: Int) -> Int { (0..<exponent).reduce(1) { value, _ in value * 3 } }

    /// Reads a segment's data bits back into bytes (numeric and alphanumeric as ASCII).
    private func decodeSegment(_ segment: QRSegment) -> [UInt8] {
        let bits = segment.data.bits
        var position = 0
        func read(_ length: Int) -> Int {
            defer { position += length }
            return bits[position..<(position + length)].reduce(0) { $0 << 1 | Int($1) }
        }
        var result: [UInt8] = []
        var remaining = segment.characterCount
        switch segment.mode {
        case .byte:
            for _ in 0..<remaining { result.append(UInt8(read(8))) }
        case .numeric:
            while remaining > 0 {
                let take = min(3, remaining)
                let value = String(read(take * 3 + 1))
                result += Array(String(repeating: "0", count: take - value.count).utf8) + Array(value.utf8)
                remaining -= take
            }
        case .alphanumeric:
            while remaining > 0 {
                if remaining >= 2 {
                    let pair = read(11)
                    result += [
                        QRSegment.alphanumericCharset[pair / 45], QRSegment.alphanumericCharset[pair % 45],
                    ]
                    remaining -= 2
                } else {
                    result.append(QRSegment.alphanumericCharset[read(6)])
                    remaining -= 1
                }
            }
        case .eci:
            break
        }
        return result
    }

    @Test("an upper-case Base32 secret goes in alphanumeric mode and makes a smaller symbol")
    func base32SecretIsAlphanumeric() throws {
        let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
        let segments = QRSegment.segments(for: secret)
        #expect(segments.map(\.mode) == [.alphanumeric])
        let mixed = try QRCode.encode(text: secret, errorCorrection: .high, boostErrorCorrection: false)
        let asBytes = try QRCode.encode(
            bytes: Array(secret.utf8), errorCorrection: .high, boostErrorCorrection: false)
        #expect(mixed.version < asBytes.version)
    }

    @Test("a URI keeps its lower-case parts in byte mode and switches for a long secret")
    func uriSegments() {
        let uri =
            "otpauth://totp/Example:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example"
        let segments = QRSegment.segments(for: uri)
        #expect(segments.map(\.mode) == [.byte, .alphanumeric, .byte])
        #expect(segments[1].characterCount >= 32)
    }

    @Test("long digit runs use numeric mode")
    func digits() {
        let segments = QRSegment.segments(for: "call 0123456789012345 now")
        #expect(segments.contains { $0.mode == .numeric && $0.characterCount == 16 })
    }

    @Test("ECI designators use one, two or three bytes (7.4.2.1)")
    func eciDesignators() throws {
        #expect(try QRSegment.eci(26).data.bits.map(Int.init) == bitArray("00011010"))
        #expect(try QRSegment.eci(1000).data.bits.map(Int.init) == bitArray("1000001111101000"))
        #expect(try QRSegment.eci(999_999).data.count == 24)
        #expect(throws: QRCodeError.self) { try QRSegment.eci(1_000_000) }
    }

    @Test("non-ASCII text is announced as UTF-8 with 12 bits of ECI; ASCII text is not")
    func utf8Announced() throws {
        let accented = try QRCode.encode(text: "héllo", boostErrorCorrection: false)
        let plain = try QRCode.encode(bytes: Array("héllo".utf8), boostErrorCorrection: false)
        #expect(accented != plain)
        let withECI = try QRCode.encode(
            segments: [QRSegment.eci(26), QRSegment.bytes(Array("héllo".utf8))], boostErrorCorrection: false)
        #expect(accented == withECI)
        #expect(try QRCode.encode(text: "hello") == QRCode.encode(bytes: Array("hello".utf8)))
    }

    @Test("segments refuse characters outside their mode")
    func invalidSegments() {
        #expect(
            throws: QRCodeError.invalidSegmentData(mode: .numeric, reason: "only the digits 0-9 are allowed")
        ) {
            try QRSegment.numeric("12a")
        }
        #expect(throws: QRCodeError.self) { try QRSegment.alphanumeric("lower") }
    }

    @Test("numeric and alphanumeric bit encodings follow 7.4.3 and 7.4.4")
    func bitEncodings() throws {
        // 01234567 → 0000001100 0101011001 1000011 (7.4.3 example).
        #expect(
            try QRSegment.numeric("01234567").data.bits.map(Int.init)
                == bitArray("000000110001010110011000011"))
        // AC-42 → 00111001110 11100111001 000010 (7.4.4 example).
        #expect(
            try QRSegment.alphanumeric("AC-42").data.bits.map(Int.init)
                == bitArray("0011100111011100111001000010"))
    }

    private func bitArray(_ text: String) -> [Int] { text.map { $0 == "1" ? 1 : 0 } }
}

import TestSupport
import Testing

@testable import OneTimePassword

@Suite("Base32 (RFC 4648)")
struct Base32Tests {
    /// RFC 4648 section 10, padding removed on encode.
    static let vectors: [(String, String)] = [
        ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"),
        ("fooba", "MZXW6YTB"), ("foobar", "MZXW6YTBOI"),
    ]

    @Test func rfcVectors() throws {
        #expect(Base32.encode([UInt8]()) == "")
        for (plain, encoded) in Self.vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(try Base32.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func decodeToleratesPaddingCaseSpacesAndDashes() throws {
        #expect(try Base32.decode("MY======") == Array("f".utf8))
        #expect(try Base32.decode("MZXW6===") == Array("foo".utf8))
        #expect(try Base32.decode("mzxw6ytboi") == Array("foobar".utf8))
        #expect(try Base32.decode("MZXW 6YTB-OI") == Array("foobar".utf8))
        #expect(try Base32.decode(" mzxw-6ytb oi======\n") == Array("foobar".utf8))
        #expect(
            try Base32.decode("JBSW Y3DP EHPK 3PXP") == [
                0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef,
            ])
    }

    @Test func decodeErrorsArePrecise() {
        #expect(throws: Base32Error.empty) { try Base32.decode("") }
        #expect(throws: Base32Error.empty) { try Base32.decode(" - ==") }
        #expect(throws: Base32Error.invalidCharacter("1", position: 2)) { try Base32.decode("MZ1W6") }
        #expect(throws: Base32Error.invalidCharacter("8", position: 0)) { try Base32.decode("8ZXW6") }
        #expect(throws: Base32Error.invalidCharacter("é", position: 1)) { try Base32.decode("Mé") }
        #expect(throws: Base32Error.misplacedPadding(position: 3)) { try Base32.decode("MY=Q") }
        #expect(throws: Base32Error.invalidPadding(count: 2)) { try Base32.decode("MY==") }
        #expect(throws: Base32Error.invalidLength(symbols: 1)) { try Base32.decode("M") }
        #expect(throws: Base32Error.invalidLength(symbols: 3)) { try Base32.decode("MZX") }
        #expect(throws: Base32Error.invalidLength(symbols: 6)) { try Base32.decode("MZXW6Y") }
        let message = Base32Error.invalidCharacter("1", position: 2).description
        #expect(message.contains("'1'") && message.contains("position 3"))
    }

    @Test("random bytes survive encode then decode, in any case and grouping")
    func roundTrip() throws {
        var random = SeededGenerator(seed: 0xB32)
        for _ in 0..<2000 {
            let bytes = random.bytes(Int.random(in: 1...80, using: &random))
            let encoded = Base32.encode(bytes)
            #expect(encoded.count == (bytes.count * 8 + 4) / 5)
            #expect(!encoded.contains("="))
            #expect(try Base32.decode(encoded) == bytes)
            #expect(try Base32.decode(encoded.lowercased()) == bytes)
            #expect(try Base32.decode(Base32.grouped(encoded)) == bytes)
            let padded = encoded + String(repeating: "=", count: (8 - encoded.count % 8) % 8)
            #expect(try Base32.decode(padded) == bytes)
        }
    }

    @Test func grouping() {
        #expect(Base32.grouped("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP")
        #expect(Base32.grouped("MZXW6YTBOI") == "MZXW 6YTB OI")
        #expect(Base32.grouped("MZXW6YTBOI", size: 5) == "MZXW6 YTBOI")
        #expect(Base32.grouped("") == "")
    }
}

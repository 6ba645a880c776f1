import TestSupport
import Testing

@testable import OneTimePassword

@Suite("Secret generation")
struct SecretsTests {
    @Test func totpSecretsAre160BitsAndDistinct() {
        let secrets = (0..<1000).map { _ in Secrets.totpSecret() }
        #expect(secrets.allSatisfy { $0.count == 20 })
        #expect(Set(secrets).count == secrets.count)
        #expect(Secrets.totpSecret(byteCount: 32).count == 32)
    }

    @Test func numericCodesHaveTheirLengthAndUseEveryDigitPosition() {
        let codes = (0..<10_000).map { _ in Secrets.numericCode() }
        #expect(codes.allSatisfy { $0.count == 6 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        // Each position takes all ten digits across 10,000 codes (the chance one misses is < 1e-400).
        for position in 0..<6 {
            let digits = Set(codes.map { Array($0)[position] })
            #expect(digits.count == 10, "position \(position)")
        }
        #expect(Secrets.numericCode(digits: 8).count == 8)
        #expect(Secrets.numericCode(digits: 1).count == 1)
    }

    @Test func deviceTokensAre128BitsOfURLSafeText() {
        let tokens = (0..<10_000).map { _ in Secrets.deviceToken() }
        #expect(Set(tokens).count == tokens.count)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(tokens.allSatisfy { $0.count == 22 && $0.allSatisfy(allowed.contains) })
    }

    @Test func identifiersAreLowercaseHex() {
        let ids = (0..<10_000).map { _ in Secrets.identifier() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 32 && $0.allSatisfy { "0123456789abcdef".contains($0) } })
        #expect(Secrets.identifier(byteCount: 4).count == 8)
    }

    @Test func base64MatchesRFC4648() {
        let vectors = [
            ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ]
        for (plain, encoded) in vectors {
            #expect(Secrets.base64(Array(plain.utf8)) == encoded)
            #expect(Secrets.decodeBase64(Substring(encoded)) == Array(plain.utf8))
        }
        #expect(Secrets.base64([0xfb, 0xff]) == "+/8")
        #expect(Secrets.base64URL([0xfb, 0xff]) == "-_8")
        #expect(Secrets.decodeBase64("Z") == nil)
        #expect(Secrets.decodeBase64("Zm9v!") == nil)
    }
}

@Suite("Recovery codes")
struct RecoveryCodeTests {
    @Test func alphabetHas32UnambiguousSymbols() {
        #expect(RecoveryCode.alphabet.count == 32)
        #expect(Set(RecoveryCode.alphabet).count == 32)
        for lookalike in ["0", "O", "1", "I"] as [Character] {
            #expect(!RecoveryCode.alphabet.contains(lookalike))
        }
    }

    @Test("10,000 generated codes are distinct, well formed and use every symbol")
    func generatedCodesAreDistinct() {
        let codes = (0..<10_000).map { _ in RecoveryCode.generate() }
        #expect(Set(codes.map(\.normalized)).count == codes.count)
        #expect(
            codes.allSatisfy {
                $0.normalized.count == 24 && $0.normalized.allSatisfy(RecoveryCode.alphabet.contains)
            })
        #expect(Set(codes.flatMap(\.normalized)).count == 32)
    }

    @Test func groupedIsSixGroupsOfFour() throws {
        let code = RecoveryCode.generate()
        let groups = code.grouped.split(separator: "-")
        #expect(groups.count == 6 && groups.allSatisfy { $0.count == 4 })
        #expect(groups.joined() == code.normalized)
    }

    @Test("every formatting variant parses back to the same code")
    func formattingVariants() throws {
        var random = SeededGenerator(seed: 0x2EC0)
        for _ in 0..<500 {
            let code = RecoveryCode.generate()
            let symbols = Array(code.normalized)
            var variants = [
                code.normalized, code.grouped, code.grouped.lowercased(),
                code.grouped.replacingOccurrences(of: "-", with: " "),
                "  " + code.grouped + "\n", code.normalized.lowercased(),
            ]
            // Random case per symbol and random separators (none, space, dash, several) between any two.
            var mixed = ""
            for (index, symbol) in symbols.enumerated() {
                mixed += Bool.random(using: &random) ? symbol.lowercased() : String(symbol)
                if index < symbols.count - 1 {
                    mixed += ["", "", " ", "-", " - ", "--", "\t"].randomElement(using: &random) ?? ""
                }
            }
            variants.append(mixed)
            for variant in variants {
                #expect(try RecoveryCode(parsing: variant) == code, "\(variant)")
            }
        }
    }

    @Test func parseErrorsArePrecise() {
        #expect(throws: RecoveryCodeError.empty) { try RecoveryCode(parsing: " - ") }
        #expect(throws: RecoveryCodeError.wrongLength(23)) {
            try RecoveryCode(parsing: String(repeating: "A", count: 23))
        }
        #expect(throws: RecoveryCodeError.wrongLength(25)) {
            try RecoveryCode(parsing: String(repeating: "A", count: 25))
        }
        #expect(throws: RecoveryCodeError.invalidCharacter("0", position: 5)) {
            try RecoveryCode(parsing: "ABCD-0")
        }
        #expect(throws: RecoveryCodeError.invalidCharacter("o", position: 0)) {
            try RecoveryCode(parsing: "oBCD")
        }
        #expect(throws: RecoveryCodeError.invalidCharacter("_", position: 4)) {
            try RecoveryCode(parsing: "ABCD_")
        }
        #expect(RecoveryCodeError.invalidCharacter("O", position: 0).description.contains("no 0 or O"))
    }
}

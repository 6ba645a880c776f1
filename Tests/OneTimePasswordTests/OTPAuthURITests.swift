import TestSupport
import Testing

@testable import OneTimePassword

@Suite("otpauth URIs (Key Uri Format)")
struct OTPAuthURITests {
    let secret: [UInt8] = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]

    @Test func buildsTheLabelAndParameters() {
        let uri = OTPAuthURI(issuer: "Example Co", account: "alice@example.com", secret: secret)
        #expect(
            uri.uriString
                == "otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co"
        )
        let full = OTPAuthURI(
            kind: .hotp, issuer: "A+B & C", account: "bob smith", secret: secret, algorithm: .sha512,
            digits: 8, period: 60, counter: 42,
            extraParameters: [.init(name: "image", value: "https://x/y.png")])
        #expect(
            full.uriString
                == "otpauth://hotp/A%2BB%20%26%20C:bob%20smith?secret=JBSWY3DPEHPK3PXP&issuer=A%2BB%20%26%20C"
                + "&algorithm=SHA512&digits=8&period=60&counter=42&image=https%3A%2F%2Fx%2Fy.png")
        #expect(!full.uriString.contains("+"))
    }

    @Test func parsesWhatItBuilds() throws {
        let uris = [
            OTPAuthURI(issuer: "Example Co", account: "alice@example.com", secret: secret),
            OTPAuthURI(
                issuer: nil, account: "ünïcødé user", secret: secret, algorithm: .sha256, digits: 7, period: 1
            ),
            OTPAuthURI(
                kind: .hotp, issuer: "Ex/ample", account: "a=b&c?d", secret: secret, counter: 0,
                extraParameters: [.init(name: "z", value: "1"), .init(name: "a", value: "two words")]),
        ]
        for uri in uris {
            #expect(try OTPAuthURI.parse(uri.uriString) == uri)
        }
    }

    @Test("random labels and parameters survive build then parse")
    func randomRoundTrip() throws {
        var random = SeededGenerator(seed: 0x0717)
        let pool = Array("aZ09 -._~%+&=?/#@!'\"()[]{}<>|\\^`$,;éßΩ中👍\u{301}\t")
        func text(_ range: ClosedRange<Int>) -> String {
            String(
                (0..<Int.random(in: range, using: &random)).map { _ in
                    pool.randomElement(using: &random) ?? "a"
                })
        }
        for index in 0..<1000 {
            var account = text(1...20)
            if account.first == " " { account = "x" + account }  // leading spaces after the colon are dropped
            let uri = OTPAuthURI(
                kind: index % 2 == 0 ? .totp : .hotp, issuer: index % 3 == 0 ? nil : text(1...12),
                account: account,
                secret: random.bytes(Int.random(in: 1...40, using: &random)),
                algorithm: HashAlgorithm.allCases[index % 3], digits: 6 + index % 3,
                period: Int.random(in: 1...300, using: &random),
                counter: index % 2 == 0 ? nil : UInt64.random(in: 0...UInt64.max, using: &random),
                extraParameters: (0..<index % 3).map { _ in .init(name: text(1...6), value: text(0...10)) })
            #expect(try OTPAuthURI.parse(uri.uriString) == uri, "\(uri.uriString)")
        }
    }

    /// Found by `scripts/fuzz.sh otpauth`: an account with leading spaces in a label without
    /// prefix, with the issuer given as a parameter, printed `Issuer:%20%20b`, which reads
    /// back as `b`.
    @Test func leadingSpacesNeverReachTheAccount() throws {
        let parsed = try OTPAuthURI.parse("otpauth://totp/%20%20b?secret=JBSWY3DP&issuer=Ex")
        #expect(parsed.account == "b")
        #expect(try OTPAuthURI.parse(parsed.uriString) == parsed)
        #expect(throws: OTPAuthURIError.missingAccount) {
            try OTPAuthURI.parse("otpauth://totp/%20?secret=JBSWY3DP")
        }
        let built = OTPAuthURI(issuer: "Ex", account: " b", secret: secret)
        #expect(throws: OTPAuthURIError.leadingSpaceInAccount) { try built.validate() }
    }

    @Test func anEmptyIssuerIsNoIssuer() throws {
        let uri = OTPAuthURI(issuer: "", account: "alice", secret: secret)
        #expect(uri.uriString == "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP")
        #expect(try OTPAuthURI.parse(uri.uriString).issuer == nil)
    }

    @Test func parsesGoogleStyleVariants() throws {
        let uri = try OTPAuthURI.parse(
            "OTPAUTH://TOTP/ACME%20Co%3A%20john.doe@email.com?SECRET=hxdmvjecjjwsrb3hwizr4ifugftmxboz"
                + "&issuer=ACME+Co&algorithm=sha256&digits=8&period=60&foo=bar&counter=5")
        #expect(uri.kind == .totp)
        #expect(uri.issuer == "ACME Co")
        #expect(uri.account == "john.doe@email.com")
        #expect(uri.algorithm == .sha256)
        #expect(uri.digits == 8)
        #expect(uri.period == 60)
        #expect(uri.counter == nil)
        #expect(
            uri.extraParameters == [.init(name: "foo", value: "bar"), .init(name: "counter", value: "5")])
        #expect(Base32.encode(uri.secret) == "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ")
        let bare = try OTPAuthURI.parse("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP")
        #expect(bare.issuer == nil && bare.account == "alice" && bare.digits == 6 && bare.period == 30)
        let issuerOnlyParameter = try OTPAuthURI.parse(
            "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Ex")
        #expect(issuerOnlyParameter.issuer == "Ex")
        let hotp = try OTPAuthURI.parse(
            "otpauth://hotp/Ex:alice?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615")
        #expect(hotp.counter == UInt64.max)
    }

    @Test func refusesWhatItMust() {
        let cases: [(String, OTPAuthURIError)] = [
            ("https://example.com", .notOTPAuth),
            ("otpauth:/totp/a?secret=JBSWY3DP", .notOTPAuth),
            ("otpauth://motp/a?secret=JBSWY3DP", .unsupportedType("motp")),
            ("otpauth://totp/Ex:?secret=JBSWY3DP", .missingAccount),
            ("otpauth://totp/?secret=JBSWY3DP", .missingAccount),
            ("otpauth://totp/Ex:a:b?secret=JBSWY3DP", .colonInLabel(part: "account name")),
            ("otpauth://totp/a?secret=JBSWY3DP&issuer=E:x", .colonInLabel(part: "issuer")),
            (
                "otpauth://totp/Ex:a?secret=JBSWY3DP&issuer=Other",
                .issuerMismatch(label: "Ex", parameter: "Other")
            ),
            ("otpauth://totp/a%ZZ?secret=JBSWY3DP", .invalidPercentEncoding(part: "label")),
            ("otpauth://totp/a?secret=JBSWY3DP&secret=JBSWY3DP", .duplicateParameter("secret")),
            ("otpauth://totp/a?issuer=Ex", .missingParameter("secret")),
            ("otpauth://totp/a?secret=JBSW1", .invalidSecret(.invalidCharacter("1", position: 4))),
            ("otpauth://totp/a?secret=JBSWY3DP&algorithm=MD5", .unsupportedAlgorithm("MD5")),
            ("otpauth://totp/a?secret=JBSWY3DP&digits=9", .invalidDigits("9")),
            ("otpauth://totp/a?secret=JBSWY3DP&digits=six", .invalidDigits("six")),
            ("otpauth://totp/a?secret=JBSWY3DP&period=0", .invalidPeriod("0")),
            ("otpauth://hotp/a?secret=JBSWY3DP", .missingParameter("counter")),
            ("otpauth://hotp/a?secret=JBSWY3DP&counter=-1", .invalidCounter("-1")),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try OTPAuthURI.parse(text) }
        }
    }

    @Test func validateRefusesColonsAndBadParameters() throws {
        var uri = OTPAuthURI(issuer: "Ex", account: "alice", secret: secret)
        try uri.validate()
        uri.account = "al:ice"
        #expect(throws: OTPAuthURIError.colonInLabel(part: "account name")) { try uri.validate() }
        uri.account = "alice"
        uri.issuer = "E:x"
        #expect(throws: OTPAuthURIError.colonInLabel(part: "issuer")) { try uri.totp() }
        uri.issuer = "Ex"
        uri.digits = 4
        #expect(throws: OTPAuthURIError.invalidDigits("4")) { try uri.totp() }
        uri.digits = 6
        #expect(throws: OTPAuthURIError.wrongKind(expected: "hotp")) { try uri.hotp() }
        uri.kind = .hotp
        #expect(throws: OTPAuthURIError.missingParameter("counter")) { try uri.hotp() }
        uri.counter = 3
        #expect(try uri.hotp().code(counter: 3).count == 6)
    }

    @Test func totpFromURIMatchesDirectGenerator() throws {
        let uri = try OTPAuthURI.parse(
            "otpauth://totp/Ex:a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA512&digits=8&period=45")
        let expected = try TOTP(secret: secret, algorithm: .sha512, digits: 8, period: 45)
        #expect(try uri.totp() == expected)
    }

    @Test func errorMessagesEscapeControlCharacters() {
        let message = OTPAuthURIError.unsupportedType("\u{1b}[31mx").description
        #expect(!message.contains("\u{1b}"))
        #expect(message.contains("\\u{1B}"))
    }
}

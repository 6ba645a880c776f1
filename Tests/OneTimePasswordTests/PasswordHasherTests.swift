import Testing

@testable import OneTimePassword

@Suite("Password hashing (PBKDF2-HMAC-SHA256)")
struct PasswordHasherTests {
    /// Low cost for speed; `defaultCostHashVerifies` covers the real one.
    let hasher = PasswordHasher(iterations: 1_000)

    @Test func aHashVerifiesAndAWrongPasswordIsRefused() throws {
        let encoded = try hasher.hash("correct horse battery staple")
        #expect(encoded.hasPrefix("$pbkdf2-sha256$i=1000$"))
        #expect(try PasswordHasher.verify("correct horse battery staple", against: encoded))
        #expect(try !PasswordHasher.verify("correct horse battery stapl", against: encoded))
        #expect(try !PasswordHasher.verify("Correct horse battery staple", against: encoded))
        #expect(try !PasswordHasher.verify("", against: encoded))
    }

    @Test func samePasswordTwoUsersGetDifferentHashes() throws {
        let first = try hasher.hash("Summer2026!")
        let second = try hasher.hash("Summer2026!")
        #expect(first != second)
        #expect(try PasswordHasher.verify("Summer2026!", against: first))
        #expect(try PasswordHasher.verify("Summer2026!", against: second))
    }

    @Test func hashesMadeWithOtherParametersStillVerify() throws {
        let older = try PasswordHasher(iterations: 10, saltByteCount: 8).hash("p4ssw0rd")
        let newer = try PasswordHasher(iterations: 2_000, saltByteCount: 32).hash("p4ssw0rd")
        #expect(try PasswordHasher.verify("p4ssw0rd", against: older))
        #expect(try PasswordHasher.verify("p4ssw0rd", against: newer))
        #expect(PasswordHasher.needsRehash(older, iterations: 1_000))
        #expect(!PasswordHasher.needsRehash(newer, iterations: 1_000))
        #expect(PasswordHasher.needsRehash("garbage", iterations: 1))
    }

    /// Python's hashlib.pbkdf2_hmac("sha256", b"password", b"saltsaltsaltsalt", 1000).
    @Test func knownAnswer() throws {
        let encoded =
            "$pbkdf2-sha256$i=1000$c2FsdHNhbHRzYWx0c2FsdA$8nX7hwFEzIB8aPajJTYK8weHQc5Ngz0pFVAKvSu4jQA"
        #expect(try PasswordHasher.verify("password", against: encoded))
        #expect(try !PasswordHasher.verify("passwore", against: encoded))
    }

    @Test func passwordsAreNFCNormalisedAndNeverTruncated() throws {
        let composed = "caf\u{e9}-pa\u{f1}o-12"
        let decomposed = "cafe\u{301}-pan\u{303}o-12"
        let encoded = try hasher.hash(composed)
        #expect(try PasswordHasher.verify(decomposed, against: encoded))
        let long = String(repeating: "a", count: 255) + "b"
        let longHash = try hasher.hash(long)
        #expect(try !PasswordHasher.verify(String(repeating: "a", count: 255) + "c", against: longHash))
        #expect(try PasswordHasher.verify(long, against: longHash))
    }

    @Test func lengthLimits() {
        #expect(throws: PasswordHashError.empty) { try hasher.hash("") }
        #expect(throws: PasswordHashError.tooLong(257)) {
            try hasher.hash(String(repeating: "x", count: 257))
        }
    }

    @Test func malformedEncodingsThrow() {
        let bad = [
            "", "pbkdf2-sha256$i=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$bcrypt$i=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$pbkdf2-sha256$i=0$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$pbkdf2-sha256$n=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
            "$pbkdf2-sha256$i=1$!!$aGFzaGhhc2hoYXNoaGFzaA", "$pbkdf2-sha256$i=1$c2FsdHNhbHQ$aGFzaA",
            "$pbkdf2-sha256$i=99999999999$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        ]
        for encoded in bad {
            #expect(throws: PasswordHashError.self, "\(encoded)") {
                try PasswordHasher.verify("x", against: encoded)
            }
        }
    }

    @Test("a hash at the default 600,000 iterations verifies")
    func defaultCostHashVerifies() throws {
        let encoded = try PasswordHasher().hash("Tr0ub4dor&3")
        #expect(encoded.hasPrefix("$pbkdf2-sha256$i=600000$"))
        let fields = encoded.split(separator: "$")
        #expect(Secrets.decodeBase64(fields[2])?.count == 16)
        #expect(Secrets.decodeBase64(fields[3])?.count == 32)
        #expect(try PasswordHasher.verify("Tr0ub4dor&3", against: encoded))
        #expect(!PasswordHasher.needsRehash(encoded, iterations: PasswordHasher.defaultIterations))
    }
}

@Suite("Hashes of codes and tokens at rest")
struct SecretHashTests {
    @Test func verifiesTheSecretAndNothingElse() {
        let stored = SecretHash.make("123456")
        #expect(stored.hasPrefix("$hmac-sha256$"))
        #expect(!stored.contains("123456"))
        #expect(SecretHash.verify("123456", against: stored))
        #expect(!SecretHash.verify("123457", against: stored))
        #expect(!SecretHash.verify("", against: stored))
        #expect(SecretHash.make("123456") != stored)
        #expect(!SecretHash.verify("123456", against: "123456"))
        #expect(!SecretHash.verify("123456", against: "$hmac-sha256$$"))
    }
}

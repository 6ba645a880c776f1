import Testing

@testable import OneTimePassword

@Suite("Guardian-style push enrollment URIs")
struct PushEnrollmentURITests {
    let push = PushEnrollmentURI(
        enrollmentTransactionID: "tx-7f3a", deviceAccountID: "dev_19",
        baseURL: "https://portal.example/guardian",
        issuer: "Example Co", account: "alice@example.com", secret: Array("12345678901234567890".utf8))

    @Test func buildsAndParsesBack() throws {
        let text = push.fullURIString
        #expect(text.hasPrefix("otpauth://totp/Example%20Co:alice%40example.com?secret="))
        #expect(text.contains("&issuer=Example%20Co&"))
        #expect(
            text.contains(
                "enrollment_tx_id=tx-7f3a&id=dev_19&base_url=https%3A%2F%2Fportal.example%2Fguardian"))
        #expect(try PushEnrollmentURI.parse(text) == push)
        let plain = try OTPAuthURI.parse(text)
        #expect(plain.extraParameter("enrollment_tx_id") == "tx-7f3a")
        #expect(try push.totp() == TOTP(secret: push.secret))
    }

    @Test func everyFieldIsRequired() {
        let base = "otpauth://totp/Ex:alice?secret=JBSWY3DP"
        let all = "&issuer=Ex&enrollment_tx_id=t&id=d&base_url=https%3A%2F%2Fh"
        #expect(throws: Never.self) { try PushEnrollmentURI.parse(base + all) }
        let cases: [(String, OTPAuthURIError)] = [
            (base + "&enrollment_tx_id=t&id=d&base_url=https%3A%2F%2Fh", .missingParameter("issuer")),
            (
                "otpauth://totp/alice?secret=JBSWY3DP" + all, .missingLabelIssuer
            ),
            (base + "&issuer=Ex&id=d&base_url=https%3A%2F%2Fh", .missingParameter("enrollment_tx_id")),
            (base + "&issuer=Ex&enrollment_tx_id=t&base_url=https%3A%2F%2Fh", .missingParameter("id")),
            (base + "&issuer=Ex&enrollment_tx_id=t&id=d", .missingParameter("base_url")),
            (
                "otpauth://totp/Ex:alice?issuer=Ex&enrollment_tx_id=t&id=d&base_url=https%3A%2F%2Fh",
                .missingParameter("secret")
            ),
            (
                base + "&issuer=Other&enrollment_tx_id=t&id=d&base_url=https%3A%2F%2Fh",
                .issuerMismatch(label: "Ex", parameter: "Other")
            ),
            (
                base + "&issuer=Ex&enrollment_tx_id=&id=d&base_url=https%3A%2F%2Fh",
                .invalidParameter(name: "enrollment_tx_id", reason: "must not be empty")
            ),
            (
                base + "&issuer=Ex&enrollment_tx_id=t&id=d&base_url=ftp%3A%2F%2Fh",
                .invalidParameter(name: "base_url", reason: "must be an http or https URL")
            ),
            (base + all + "&id=e", .duplicateParameter("id")),
            ("otpauth://hotp/Ex:alice?secret=JBSWY3DP&counter=1" + all, .wrongKind(expected: "totp")),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try PushEnrollmentURI.parse(text) }
        }
    }

    /// What the portal makes: 32 hex digit ids, a 20-byte secret.
    let portal = PushEnrollmentURI(
        enrollmentTransactionID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", deviceAccountID: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        baseURL: "https://portal.northwind.example/", issuer: "Northwind", account: "alice@example.com",
        secret: Array(0..<20))

    @Test func compactFormParsesBackWithoutTheServiceSideFields() throws {
        let text = portal.uriString
        #expect(text.hasPrefix("otpauth://totp/Northwind:alice@example.com?secret="))
        #expect(!text.contains("base_url") && !text.contains("&id=") && !text.contains("issuer="))
        #expect(text.count < portal.fullURIString.count / 2 + 40)
        let parsed = try PushEnrollmentURI.parse(text)
        #expect(parsed.enrollmentTransactionID == portal.enrollmentTransactionID)
        #expect(parsed.issuer == "Northwind" && parsed.account == "alice@example.com")
        #expect(parsed.secret == portal.secret)
        #expect(parsed.deviceAccountID.isEmpty && parsed.baseURL.isEmpty)
        #expect(try parsed.totp() == TOTP(secret: portal.secret))
        #expect(PushEnrollmentURI.looksLikePush(text) && PushEnrollmentURI.looksLikePush(portal.fullURIString))
        #expect(!PushEnrollmentURI.looksLikePush("otpauth://totp/Ex:alice?secret=JBSWY3DP&issuer=Ex"))
        // The old, full form still parses, every field kept.
        #expect(try PushEnrollmentURI.parse(portal.fullURIString).deviceAccountID == portal.deviceAccountID)
        // An id the portal did not make travels as it is.
        #expect(try PushEnrollmentURI.parse(push.uriString).enrollmentTransactionID == "tx-7f3a")
    }

    @Test func compactFormRefusesBadTransactions() {
        let base = "otpauth://totp/Ex:alice?secret=JBSWY3DP"
        #expect(throws: OTPAuthURIError.invalidParameter(name: "tx", reason: "must be 16 bytes in Base32")) {
            try PushEnrollmentURI.parse(base + "&tx=ABC")
        }
        #expect(throws: OTPAuthURIError.missingLabelIssuer) {
            try PushEnrollmentURI.parse("otpauth://totp/alice?secret=JBSWY3DP&tx=AAAAAAAAAAAAAAAAAAAAAAAAAA")
        }
    }

    @Test func manualCodeCarriesTransactionAndSecret() throws {
        let code = try #require(portal.manualCode)
        #expect(code.split(separator: " ").allSatisfy { $0.count <= 4 })
        let read = try PushEnrollmentURI.parseManualCode(code.lowercased().replacing(" ", with: "-"))
        #expect(read.transactionID == portal.enrollmentTransactionID)
        #expect(read.secret == portal.secret)
        #expect(push.manualCode == nil)
        #expect(throws: OTPAuthURIError.self) { try PushEnrollmentURI.parseManualCode("not a code") }
    }
}

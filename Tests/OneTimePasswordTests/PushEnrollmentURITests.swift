import Testing

@testable import OneTimePassword

@Suite("Guardian-style push enrollment URIs")
struct PushEnrollmentURITests {
    let push = PushEnrollmentURI(
        enrollmentTransactionID: "tx-7f3a", deviceAccountID: "dev_19",
        baseURL: "https://portal.example/guardian",
        issuer: "Example Co", account: "alice@example.com", secret: Array("12345678901234567890".utf8))

    @Test func buildsAndParsesBack() throws {
        let text = push.uriString
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
}

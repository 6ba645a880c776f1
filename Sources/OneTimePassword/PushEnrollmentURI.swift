/// The enrollment URI a Guardian-style push app scans: the otpauth form, carrying the
/// enrollment transaction, the device account id and the service's base URL besides a TOTP
/// secret (the fallback for entering a code by hand).
///
/// Two forms parse. The full form (`fullURIString`) carries every field:
///
///     otpauth://totp/Example%20Co:alice%40example.com?secret=...&issuer=Example%20Co
///         &enrollment_tx_id=...&id=...&base_url=https%3A%2F%2Fportal.example
///
/// The compact form (`uriString`, what the QR shows) carries only what the phone cannot
/// learn from the enrollment transaction itself, so that its QR code (version 5 for a
/// typical account) fits an 80×24 terminal with its quiet zone:
///
///     otpauth://totp/Example%20Co:alice@example.com?secret=...&tx=...
///
/// `tx` is the transaction id, 32 lowercase hex digits (what the portal makes), as their
/// 16 bytes in Base32 (26 characters, which a QR encodes compactly); any other id gets the
/// full form. The device account id and the base URL stay with the transaction on the
/// service's side, and parse as empty.
public struct PushEnrollmentURI: Sendable, Equatable {
    /// The enrollment transaction this scan completes (`enrollment_tx_id`).
    public var enrollmentTransactionID: String
    /// The device account id the app will be known by (`id`).
    public var deviceAccountID: String
    /// Where the app reaches the service (`base_url`), http or https.
    public var baseURL: String
    /// The service name: label prefix and `issuer` parameter. Not empty, no colon.
    public var issuer: String
    /// The account name. Not empty, no colon.
    public var account: String
    /// The TOTP secret, at least one byte.
    public var secret: [UInt8]
    /// The HMAC hash function of the fallback code.
    public var algorithm: HashAlgorithm
    /// The fallback code length, 6...8.
    public var digits: Int
    /// Seconds per step, 1 or more.
    public var period: Int

    /// Makes an enrollment URI value; `validate()` and `parse` check it.
    public init(
        enrollmentTransactionID: String, deviceAccountID: String, baseURL: String, issuer: String,
        account: String, secret: [UInt8], algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: Int = 30
    ) {
        self.enrollmentTransactionID = enrollmentTransactionID
        self.deviceAccountID = deviceAccountID
        self.baseURL = baseURL
        self.issuer = issuer
        self.account = account
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
    }

    private static let transactionName = "enrollment_tx_id"
    /// The compact form's packed transaction id.
    private static let packedName = "tx"
    private static let idName = "id"
    private static let baseURLName = "base_url"

    /// The plain otpauth form of this URI, enrollment fields as extra parameters.
    public var otpauth: OTPAuthURI {
        OTPAuthURI(
            kind: .totp, issuer: issuer, account: account, secret: secret, algorithm: algorithm,
            digits: digits, period: period,
            extraParameters: [
                .init(name: Self.transactionName, value: enrollmentTransactionID),
                .init(name: Self.idName, value: deviceAccountID),
                .init(name: Self.baseURLName, value: baseURL),
            ])
    }

    /// The full URI text, every field as a parameter (see `OTPAuthURI.uriString`).
    public var fullURIString: String { otpauth.uriString }

    /// The compact URI text, for QR codes (see the type's documentation).
    public var uriString: String {
        // An id the portal did not make: the full form, which carries it as it is.
        guard let packed = Self.pack(enrollmentTransactionID) else { return fullURIString }
        let issuer = PercentEncoding.encode(self.issuer)
        // `@` may stay as it is in a path: one character instead of three.
        let account = PercentEncoding.encode(self.account).replacing("%40", with: "@")
        var query = [("secret", Base32.encode(secret))]
        if algorithm != .sha1 { query.append(("algorithm", algorithm.rawValue)) }
        if digits != 6 { query.append(("digits", String(digits))) }
        if period != 30 { query.append(("period", String(period))) }
        query.append((Self.packedName, packed))
        let encoded = query.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }
        return "otpauth://totp/\(issuer):\(account)?" + encoded.joined(separator: "&")
    }

    /// A code to type into the phone instead of scanning (an authenticator's "enter a
    /// setup key"): the transaction's 16 bytes and the secret, Base32 in groups of four.
    /// Nil when the transaction id is not 32 hex digits.
    public var manualCode: String? {
        guard let bytes = Self.hexBytes(enrollmentTransactionID) else { return nil }
        return Base32.grouped(Base32.encode(bytes + secret))
    }

    /// Reads a `manualCode` back: the transaction id (lowercase hex) and the secret.
    /// Spaces, dashes and letter case do not matter.
    ///
    /// - Throws: `OTPAuthURIError.invalidParameter` when it is not such a code.
    public static func parseManualCode(_ code: String) throws -> (transactionID: String, secret: [UInt8]) {
        let cleaned = code.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard let bytes = try? Base32.decode(cleaned), bytes.count > 16 else {
            throw OTPAuthURIError.invalidParameter(name: "manual code", reason: "is not a push enrollment code")
        }
        return (hex(Array(bytes.prefix(16))), Array(bytes.dropFirst(16)))
    }

    /// True when `text` is a push enrollment URI of either form (not necessarily valid).
    public static func looksLikePush(_ text: String) -> Bool {
        text.contains(transactionName + "=") || text.contains("?\(packedName)=") || text.contains("&\(packedName)=")
    }

    /// 32 lowercase hex digits as Base32 of their 16 bytes; nil for any other id.
    static func pack(_ id: String) -> String? { hexBytes(id).map { Base32.encode($0) } }

    private static func hexBytes(_ id: String) -> [UInt8]? {
        let digits = Array(id.utf8)
        guard digits.count == 32 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: 32, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    /// The TOTP generator for the fallback code.
    ///
    /// - Throws: what `validate()` throws.
    public func totp() throws -> TOTP {
        try validate()
        return try otpauth.totp()
    }

    /// Checks that every field of the full form is present and usable: a non-empty
    /// transaction id, device account id and issuer, an http(s) base URL, and what
    /// `OTPAuthURI.validate()` checks.
    ///
    /// - Throws: `OTPAuthURIError` naming the first problem.
    /// A value without device account id and base URL (the compact form's) is checked as
    /// the compact form.
    public func validate() throws {
        try validate(compact: deviceAccountID.isEmpty && baseURL.isEmpty)
    }

    /// The checks of `validate()`; the compact form has no device account id or base URL.
    private func validate(compact: Bool) throws {
        guard !issuer.isEmpty else { throw OTPAuthURIError.missingParameter("issuer") }
        for (name, value) in [
            (Self.transactionName, enrollmentTransactionID), (Self.idName, compact ? "-" : deviceAccountID),
        ]
        where value.isEmpty {
            throw OTPAuthURIError.invalidParameter(name: name, reason: "must not be empty")
        }
        let lowered = baseURL.lowercased()
        guard (compact && baseURL.isEmpty) || lowered.hasPrefix("https://") || lowered.hasPrefix("http://"),
            !baseURL.contains(where: \.isWhitespace)
        else {
            throw OTPAuthURIError.invalidParameter(
                name: Self.baseURLName, reason: "must be an http or https URL")
        }
        try otpauth.validate()
    }

    /// Reads the compact form (a `tx` parameter): issuer from the label, no device account
    /// id or base URL.
    private static func parseCompact(_ uri: OTPAuthURI, issuerInLabel: Bool) throws -> PushEnrollmentURI {
        guard let issuer = uri.issuer, issuerInLabel else { throw OTPAuthURIError.missingLabelIssuer }
        let packed = uri.extraParameters.filter { $0.name == packedName }
        guard packed.count == 1 else { throw OTPAuthURIError.duplicateParameter(packedName) }
        guard let bytes = try? Base32.decode(packed[0].value), bytes.count == 16 else {
            throw OTPAuthURIError.invalidParameter(name: packedName, reason: "must be 16 bytes in Base32")
        }
        let push = PushEnrollmentURI(
            enrollmentTransactionID: hex(bytes), deviceAccountID: "", baseURL: "", issuer: issuer,
            account: uri.account, secret: uri.secret, algorithm: uri.algorithm, digits: uri.digits,
            period: uri.period)
        try push.validate(compact: true)
        return push
    }

    /// Reads and validates a push enrollment URI.
    ///
    /// - Throws: `OTPAuthURIError`: anything `OTPAuthURI.parse` refuses, an HOTP URI, a missing
    ///   `enrollment_tx_id`, `id`, `base_url` or `issuer` (parameter *and* label prefix, which
    ///   must be equal), or what `validate()` refuses.
    public static func parse(_ text: String) throws -> PushEnrollmentURI {
        let (uri, inLabel, inParameter) = try OTPAuthURI.parseWithIssuerSources(text)
        guard uri.kind == .totp else { throw OTPAuthURIError.wrongKind(expected: "totp") }
        if uri.extraParameter(packedName) != nil && uri.extraParameter(transactionName) == nil {
            return try parseCompact(uri, issuerInLabel: inLabel)
        }
        guard let issuer = uri.issuer, inParameter else { throw OTPAuthURIError.missingParameter("issuer") }
        guard inLabel else { throw OTPAuthURIError.missingLabelIssuer }
        var fields: [String: String] = [:]
        for parameter in uri.extraParameters
        where [transactionName, idName, baseURLName].contains(parameter.name) {
            guard fields[parameter.name] == nil else {
                throw OTPAuthURIError.duplicateParameter(parameter.name)
            }
            fields[parameter.name] = parameter.value
        }
        guard let transaction = fields[transactionName] else {
            throw OTPAuthURIError.missingParameter(transactionName)
        }
        guard let id = fields[idName] else { throw OTPAuthURIError.missingParameter(idName) }
        guard let base = fields[baseURLName] else { throw OTPAuthURIError.missingParameter(baseURLName) }
        let push = PushEnrollmentURI(
            enrollmentTransactionID: transaction, deviceAccountID: id, baseURL: base, issuer: issuer,
            account: uri.account, secret: uri.secret, algorithm: uri.algorithm, digits: uri.digits,
            period: uri.period)
        try push.validate(compact: false)
        return push
    }

    public static func == (lhs: PushEnrollmentURI, rhs: PushEnrollmentURI) -> Bool {
        lhs.otpauth == rhs.otpauth
    }
}

/// The enrollment URI a Guardian-style push app scans: the otpauth form, carrying the
/// enrollment transaction, the device account id and the service's base URL besides a TOTP
/// secret (the fallback for entering a code by hand).
///
///     otpauth://totp/Example%20Co:alice%40example.com?secret=...&issuer=Example%20Co
///         &enrollment_tx_id=...&id=...&base_url=https%3A%2F%2Fportal.example
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

    /// The URI text (see `OTPAuthURI.uriString`).
    public var uriString: String { otpauth.uriString }

    /// The TOTP generator for the fallback code.
    ///
    /// - Throws: what `validate()` throws.
    public func totp() throws -> TOTP {
        try validate()
        return try otpauth.totp()
    }

    /// Checks that every field is present and usable: a non-empty transaction id, device
    /// account id and issuer, an http(s) base URL, and what `OTPAuthURI.validate()` checks.
    ///
    /// - Throws: `OTPAuthURIError` naming the first problem.
    public func validate() throws {
        guard !issuer.isEmpty else { throw OTPAuthURIError.missingParameter("issuer") }
        for (name, value) in [
            (Self.transactionName, enrollmentTransactionID), (Self.idName, deviceAccountID),
        ]
        where value.isEmpty {
            throw OTPAuthURIError.invalidParameter(name: name, reason: "must not be empty")
        }
        let lowered = baseURL.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://"),
            !baseURL.contains(where: \.isWhitespace)
        else {
            throw OTPAuthURIError.invalidParameter(
                name: Self.baseURLName, reason: "must be an http or https URL")
        }
        try otpauth.validate()
    }

    /// Reads and validates a push enrollment URI.
    ///
    /// - Throws: `OTPAuthURIError`: anything `OTPAuthURI.parse` refuses, an HOTP URI, a missing
    ///   `enrollment_tx_id`, `id`, `base_url` or `issuer` (parameter *and* label prefix, which
    ///   must be equal), or what `validate()` refuses.
    public static func parse(_ text: String) throws -> PushEnrollmentURI {
        let (uri, inLabel, inParameter) = try OTPAuthURI.parseWithIssuerSources(text)
        guard uri.kind == .totp else { throw OTPAuthURIError.wrongKind(expected: "totp") }
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
        try push.validate()
        return push
    }

    public static func == (lhs: PushEnrollmentURI, rhs: PushEnrollmentURI) -> Bool {
        lhs.otpauth == rhs.otpauth
    }
}

/// An `otpauth://` URI after Google's Key Uri Format: what an authenticator app scans.
///
///     otpauth://totp/Example%20Co:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example%20Co
///
/// Build one with the memberwise initialiser and read `uriString`, or read one with `parse(_:)`.
/// Defaults (SHA1, 6 digits, 30 s) are left out of `uriString` to keep QR codes small.
public struct OTPAuthURI: Sendable, Equatable {
    /// `otpauth://totp/...` or `otpauth://hotp/...`.
    public enum Kind: String, Sendable {
        case totp
        case hotp
    }

    /// A query parameter this type does not interpret, kept with its decoded name and value.
    public struct Parameter: Sendable, Equatable {
        /// The decoded parameter name, as given (case kept).
        public var name: String
        /// The decoded value.
        public var value: String
        /// A parameter `name=value`; both are percent-encoded by `uriString`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Time-based (`totp`) or counter-based (`hotp`).
    public var kind: Kind
    /// The service name: the label prefix and the `issuer` parameter. No colon.
    public var issuer: String?
    /// The account name (often an email address). Not empty, no colon.
    public var account: String
    /// The shared secret, at least one byte.
    public var secret: [UInt8]
    /// The HMAC hash function (`algorithm`, default SHA1).
    public var algorithm: HashAlgorithm
    /// The code length (`digits`), 6...8.
    public var digits: Int
    /// Seconds per step, 1 or more (TOTP).
    public var period: Int
    /// The next counter value; required for HOTP, `nil` for TOTP.
    public var counter: UInt64?
    /// Parameters other than secret, issuer, algorithm, digits, period and counter, in order.
    public var extraParameters: [Parameter]

    /// Makes a URI value; `validate()` (called by `uriString` users who need certainty, and by
    /// `parse`, `totp()` and `hotp()`) checks it.
    public init(
        kind: Kind = .totp, issuer: String?, account: String, secret: [UInt8],
        algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: Int = 30, counter: UInt64? = nil,
        extraParameters: [Parameter] = []
    ) {
        self.kind = kind
        self.issuer = issuer
        self.account = account
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
        self.counter = counter
        self.extraParameters = extraParameters
    }

    /// Checks what an authenticator app needs: an account that does not start with a space
    /// (the label drops spaces there), no colon in issuer or account, a secret, 6...8 digits,
    /// a period of 1 s or more, and a counter for HOTP.
    ///
    /// - Throws: `OTPAuthURIError` naming the first problem.
    public func validate() throws {
        if let issuer, issuer.contains(":") { throw OTPAuthURIError.colonInLabel(part: "issuer") }
        guard !account.isEmpty else { throw OTPAuthURIError.missingAccount }
        guard account.first != " " else { throw OTPAuthURIError.leadingSpaceInAccount }
        guard !account.contains(":") else { throw OTPAuthURIError.colonInLabel(part: "account name") }
        guard !secret.isEmpty else { throw OTPAuthURIError.emptySecret }
        guard OTPError.supportedDigits.contains(digits) else {
            throw OTPAuthURIError.invalidDigits(String(digits))
        }
        guard period >= 1 else { throw OTPAuthURIError.invalidPeriod(String(period)) }
        if kind == .hotp, counter == nil { throw OTPAuthURIError.missingParameter("counter") }
    }

    /// The URI text: label `Issuer:account` and values percent-encoded (space as `%20`),
    /// `secret` in unpadded Base32, `issuer` repeated as a parameter, non-default algorithm,
    /// digits and period, the counter for HOTP, then the extra parameters in order.
    ///
    /// Only a value that passes `validate()` gives a URI that parses back to itself.
    public var uriString: String {
        // An empty issuer is no issuer, as `parse` reads it.
        let issuer = self.issuer?.isEmpty == false ? self.issuer : nil
        var label = PercentEncoding.encode(account)
        if let issuer { label = PercentEncoding.encode(issuer) + ":" + label }
        var query = [("secret", Base32.encode(secret))]
        if let issuer { query.append(("issuer", issuer)) }
        if algorithm != .sha1 { query.append(("algorithm", algorithm.rawValue)) }
        if digits != 6 { query.append(("digits", String(digits))) }
        if period != 30 { query.append(("period", String(period))) }
        if kind == .hotp, let counter { query.append(("counter", String(counter))) }
        query += extraParameters.map { ($0.name, $0.value) }
        let encoded = query.map { PercentEncoding.encode($0.0) + "=" + PercentEncoding.encode($0.1) }
        return "otpauth://\(kind.rawValue)/\(label)?" + encoded.joined(separator: "&")
    }

    /// The TOTP generator this URI describes.
    ///
    /// - Throws: `OTPAuthURIError.wrongKind` for an HOTP URI, or what `validate()` throws.
    public func totp() throws -> TOTP {
        guard kind == .totp else { throw OTPAuthURIError.wrongKind(expected: "totp") }
        try validate()
        return try TOTP(secret: secret, algorithm: algorithm, digits: digits, period: period)
    }

    /// The HOTP generator this URI describes (use it with `counter`).
    ///
    /// - Throws: `OTPAuthURIError.wrongKind` for a TOTP URI, or what `validate()` throws.
    public func hotp() throws -> HOTP {
        guard kind == .hotp else { throw OTPAuthURIError.wrongKind(expected: "hotp") }
        try validate()
        return try HOTP(secret: secret, algorithm: algorithm, digits: digits)
    }

    /// The first extra parameter called `name`, if any.
    public func extraParameter(_ name: String) -> String? {
        extraParameters.first { $0.name == name }?.value
    }

    public static func == (lhs: OTPAuthURI, rhs: OTPAuthURI) -> Bool {
        lhs.kind == rhs.kind && lhs.issuer == rhs.issuer && lhs.account == rhs.account
            && constantTimeEqual(lhs.secret, rhs.secret) && lhs.algorithm == rhs.algorithm
            && lhs.digits == rhs.digits && lhs.period == rhs.period && lhs.counter == rhs.counter
            && lhs.extraParameters == rhs.extraParameters
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What `keepsafe users list/show` tell about an account: everything but its secrets.
///
/// Never carried: the password hash, TOTP secrets, the recovery code hash, trusted
/// device token hashes and challenge code hashes. Only whether they exist.
public struct AccountReport: Codable, Sendable, Equatable {
    public struct FactorReport: Codable, Sendable, Equatable {
        public var id: String
        public var kind: String
        public var state: String
        public var preferred: Bool
        public var createdAt: Date
        public var phoneNumber: String?
        public var pushDeviceName: String?
        public var consecutiveFailures: Int
        public var lockedUntil: Date?
    }

    public struct DeviceReport: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var createdAt: Date
        public var expiresAt: Date
        public var lastUsedAt: Date?
    }

    public var email: String
    public var displayName: String
    public var company: String
    public var companyName: String?
    public var createdAt: Date
    /// `true` when the next log-in must enrol a factor (no active factor, or reset).
    public var mfaRequired: Bool
    public var mfaRequiredAtNextLogin: Bool
    public var factors: [FactorReport]
    public var hasRecoveryCode: Bool
    public var trustedDevices: [DeviceReport]
    public var failedLogins: Int
    public var lockouts: Int
    public var lockedUntil: Date?
    /// Whether the account is locked out at the time of the report.
    public var locked: Bool

    /// The report of `account` at `now`; `companyName` from its company record, if any.
    public init(_ account: Account, companyName: String?, at now: Date) {
        email = account.email
        displayName = account.displayName
        company = account.company
        self.companyName = companyName
        createdAt = account.createdAt
        mfaRequiredAtNextLogin = account.mfaRequiredAtNextLogin
        mfaRequired = account.mfaRequiredAtNextLogin || account.activeFactors.isEmpty
        factors = account.factors.map { factor in
            FactorReport(
                id: factor.id, kind: factor.kind.rawValue, state: factor.state.rawValue,
                preferred: factor.id == account.preferredFactorID, createdAt: factor.createdAt,
                phoneNumber: factor.phoneNumber, pushDeviceName: factor.pushDeviceName,
                consecutiveFailures: factor.consecutiveFailures, lockedUntil: factor.lockedUntil)
        }
        hasRecoveryCode = account.recoveryCodeHash != nil
        trustedDevices = account.trustedDevices.map {
            DeviceReport(
                id: $0.id, name: $0.name, createdAt: $0.createdAt, expiresAt: $0.expiresAt,
                lastUsedAt: $0.lastUsedAt)
        }
        failedLogins = account.failedLogins
        lockouts = account.lockouts
        lockedUntil = account.lockedUntil
        locked = account.lockedUntil.map { $0 > now } ?? false
    }
}

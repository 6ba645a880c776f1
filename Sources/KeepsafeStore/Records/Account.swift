#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A portal account: identity, password hash, second factors and the counters that
/// the log-in and code policies need to survive restarts.
public struct Account: StoreRecord {
    public static let collection = "accounts"
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The email address, lowercased: the account's key and user name.
    public var email: String
    public var displayName: String
    /// Key of the `Company` record the account belongs to.
    public var company: String
    /// Self-describing PBKDF2 hash (`$pbkdf2-sha256$i=...$salt$hash`).
    public var passwordHash: String
    public var createdAt: Date

    /// Enrolled (`active`) and in-progress (`pending`) second factors.
    public var factors: [Factor]
    /// The factor the challenge at log-in starts with.
    public var preferredFactorID: String?
    /// Hash of the one live recovery code, if any.
    public var recoveryCodeHash: String?
    public var trustedDevices: [TrustedDevice]
    /// Set by `users reset-mfa` and by disabling MFA: the next log-in demands enrollment.
    public var mfaRequiredAtNextLogin: Bool

    /// Consecutive failed log-ins; reset on success.
    public var failedLogins: Int
    /// How many times the account has been locked in a row; drives the back-off.
    public var lockouts: Int
    public var lockedUntil: Date?

    /// The live SMS (or other one-time code) challenge, bound to one factor.
    public var pendingChallenge: CodeChallenge?
    /// When SMS codes were sent, for the per-hour limit (only the last hour is kept).
    public var smsSentAt: [Date]
    /// When push requests were made, for the per-10-minutes limit.
    public var pushRequestedAt: [Date]

    public var announcementDismissed: Bool
    /// The one-time code mailed to prove the mailbox before a re-enrollment (after MFA
    /// was disabled or reset); only its hash is kept.
    public var mailboxChallenge: CodeChallenge?
    /// When mailbox codes were sent, for their own cooldown and hourly cap.
    public var mailboxSentAt: [Date]?
    /// The system user this account is linked to (`keepsafe users link`), if any: that
    /// user, and no other, logs in with it through `keepsafe pam`.
    public var localUser: String?
    /// Set when the recovery code was used up outside the portal (`keepsafe pam`): the
    /// next `keepsafe enroll` or portal log-in issues a new one behind the
    /// "I have safely recorded this code" gate.
    public var recoveryCodeRenewalDue: Bool?
    /// The live "Forgot password?" code (only its hash), mailed to the address.
    public var passwordReset: CodeChallenge?
    /// When reset codes were mailed, for their own cooldown and hourly cap.
    public var passwordResetSentAt: [Date]?

    public init(
        email: String, displayName: String, company: String, passwordHash: String, createdAt: Date
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.email = email
        self.displayName = displayName
        self.company = company
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.factors = []
        self.preferredFactorID = nil
        self.recoveryCodeHash = nil
        self.trustedDevices = []
        self.mfaRequiredAtNextLogin = false
        self.failedLogins = 0
        self.lockouts = 0
        self.lockedUntil = nil
        self.pendingChallenge = nil
        self.smsSentAt = []
        self.pushRequestedAt = []
        self.announcementDismissed = false
    }

    public var key: String { email }

    /// Factors that can be used at a challenge.
    public var activeFactors: [Factor] { factors.filter { $0.state == .active } }
}

/// One second factor of an account.
public struct Factor: Codable, Sendable, Equatable, Identifiable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case push, totp, sms
    }

    public enum State: String, Codable, Sendable {
        /// Being enrolled: not usable at a challenge until verified.
        case pending
        case active
    }

    public var id: String
    public var kind: Kind
    public var state: State
    public var createdAt: Date

    /// Base32 TOTP secret (authenticator app; also the push app's manual-code fallback).
    /// The only secret kept in plaintext, because verifying a code needs it.
    public var totpSecret: String?
    public var totpAlgorithm: String?
    public var totpDigits: Int?
    public var totpPeriod: Int?
    /// Highest TOTP time step accepted so far: codes for it or earlier are replays.
    public var lastAcceptedStep: UInt64?
    /// The step offsets of the last accepted TOTP codes (RFC 6238 §6: drift is learnt
    /// from accepted codes only), newest last.
    public var recentOffsets: [Int]?

    /// E.164 number for SMS.
    public var phoneNumber: String?

    /// Push: the enrollment transaction shown in the QR code, and the device that
    /// completed it.
    public var enrollmentTransactionID: String?
    public var pushDeviceID: String?
    public var pushDeviceName: String?

    /// Consecutive wrong codes for this factor; reset on success.
    public var consecutiveFailures: Int
    public var lockedUntil: Date?

    public init(id: String, kind: Kind, state: State, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.state = state
        self.createdAt = createdAt
        self.consecutiveFailures = 0
    }
}

/// A code sent to the user (SMS) and waiting to be typed back.
public struct CodeChallenge: Codable, Sendable, Equatable {
    public var id: String
    public var factorID: String
    /// Salted hash of the code; the code itself is never stored.
    public var codeHash: String
    public var issuedAt: Date
    public var expiresAt: Date
    /// Wrong attempts against this challenge; at the policy limit it is void.
    public var wrongAttempts: Int
    public var used: Bool

    public init(id: String, factorID: String, codeHash: String, issuedAt: Date, expiresAt: Date) {
        self.id = id
        self.factorID = factorID
        self.codeHash = codeHash
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.wrongAttempts = 0
        self.used = false
    }
}

/// A device that may skip the challenge until `expiresAt`.
public struct TrustedDevice: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    /// Display name of the device (user-controlled: sanitise before display).
    public var name: String
    /// Hash of the 128-bit token the device keeps; the token itself is never stored.
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastUsedAt: Date?

    public init(id: String, name: String, tokenHash: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.name = name
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The store's security policy (`policy.json`), section 3 of PRODUCT.md.
///
/// Every field has the product default; a store made for tests or demos may lower
/// `password.iterations`, the default store never does.
public struct Policy: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public struct TOTP: Codable, Sendable, Equatable {
        public var algorithm = "SHA1"
        public var digits = 6
        public var period = 30
        public var secretBytes = 20
        /// Steps accepted either side of the current one.
        public var window = 1
        public init() {}
    }

    public struct SMS: Codable, Sendable, Equatable {
        public var digits = 6
        public var lifetimeSeconds = 900
        public var resendCooldownSeconds = 30
        public var maxSendsPerHour = 10
        /// Simulated delivery delay and loss of the SMS network.
        public var deliveryDelaySeconds = 0
        public var lossRate = 0.0
        public init() {}

        /// The lifetime in whole minutes, as messages state it. Every code sent by text or
        /// mail (SMS, the mailbox proof, the password reset) lives this long.
        public var lifetimeMinutes: Int { lifetimeSeconds / 60 }
    }

    public struct Push: Codable, Sendable, Equatable {
        public var lifetimeSeconds = 300
        public var maxRequests = 5
        public var rateWindowSeconds = 600
        /// The phone asks for the number the portal shows (on by default: a push that
        /// can be approved blind invites MFA fatigue attacks).
        public var numberMatching = true
        public init() {}
    }

    public struct WrongCodes: Codable, Sendable, Equatable {
        /// Wrong codes that void one challenge.
        public var perChallenge = 5
        /// Consecutive failures that lock the factor.
        public var lockAfter = 10
        public var lockSeconds = 900
        public init() {}
    }

    public struct Password: Codable, Sendable, Equatable {
        public var minLength = 8
        public var recommendedLength = 12
        public var maxLength = 256
        public var iterations = 600_000
        public var saltBytes = 16
        public var rejectCommon = true
        public init() {}
    }

    public struct Login: Codable, Sendable, Equatable {
        public var lockAfter = 10
        public var firstBackoffSeconds = 60
        public var maxBackoffSeconds = 900
        public init() {}
    }

    public struct Trust: Codable, Sendable, Equatable {
        public var days = 30
        public var tokenBytes = 16
        public init() {}
    }

    public var schemaVersion = Self.currentSchemaVersion
    public var totp = TOTP()
    public var sms = SMS()
    public var push = Push()
    public var wrongCodes = WrongCodes()
    public var password = Password()
    public var login = Login()
    public var trust = Trust()
    public var recoveryCodeLength = 24
    /// A sandbox store (`keepsafe store init --sandbox`, and every store a walkthrough
    /// makes) is for demos and QA: only it accepts `--clock`, `advance` and walkthroughs,
    /// its recordings keep the enrollment secrets, and `store check` does not hold its
    /// policy to the production floors. Any other store refuses time travel.
    public var sandbox = false

    public init() {}

    /// The default policy with a cheap password hash, for tests and demos only: a sandbox.
    public static func testing(iterations: Int = 1_000) -> Policy {
        var policy = Policy()
        policy.password.iterations = iterations
        policy.sandbox = true
        return policy
    }
}

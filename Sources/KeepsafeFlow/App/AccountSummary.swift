import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the flow knows of the signed-in account: a display copy made by the runtime
/// from the store record, with no secret in it.
public struct AccountSummary: Sendable, Equatable {
    /// An active second factor, as lists show it.
    public struct FactorSummary: Sendable, Equatable {
        public var id: String
        public var kind: Factor.Kind
        /// The phone number (masked) for SMS, the device name for push.
        public var detail: String?
        public init(id: String, kind: Factor.Kind, detail: String? = nil) {
            self.id = id
            self.kind = kind
            self.detail = detail
        }
    }

    /// A trusted device that has not expired.
    public struct DeviceSummary: Sendable, Equatable {
        public var id: String
        public var name: String
        public var expiresAt: Date
        /// True for the device this session runs on.
        public var isThisDevice: Bool
        /// The last log-in it skipped the second factor for (or when it was remembered).
        public var lastUsedAt: Date?
        public init(id: String, name: String, expiresAt: Date, isThisDevice: Bool, lastUsedAt: Date? = nil) {
            self.id = id
            self.name = name
            self.expiresAt = expiresAt
            self.isThisDevice = isThisDevice
            self.lastUsedAt = lastUsedAt
        }
    }

    public var email: String
    public var displayName: String
    public var companyName: String
    /// Active factors, the preferred one first.
    public var factors: [FactorSummary]
    public var preferredFactorID: String?
    public var trustedDevices: [DeviceSummary]
    public var announcementDismissed: Bool
    public var hasRecoveryCode: Bool

    public init(
        email: String, displayName: String, companyName: String, factors: [FactorSummary] = [],
        preferredFactorID: String? = nil, trustedDevices: [DeviceSummary] = [],
        announcementDismissed: Bool = false, hasRecoveryCode: Bool = false
    ) {
        self.email = email
        self.displayName = displayName
        self.companyName = companyName
        self.factors = factors
        self.preferredFactorID = preferredFactorID
        self.trustedDevices = trustedDevices
        self.announcementDismissed = announcementDismissed
        self.hasRecoveryCode = hasRecoveryCode
    }

    /// The preferred active factor (or the first one).
    public var preferredFactor: FactorSummary? {
        factors.first { $0.id == preferredFactorID } ?? factors.first
    }

    /// The active factor with this id.
    public func factor(id: String) -> FactorSummary? { factors.first { $0.id == id } }

    /// The first active factor of this kind.
    public func factor(kind: Factor.Kind) -> FactorSummary? { factors.first { $0.kind == kind } }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A text message in the simulated SMS network.
public struct SMSMessage: StoreRecord {
    public static let collection = "outbox/sms"
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// Sortable unique id: sending time and random suffix.
    public var id: String
    /// E.164 destination.
    public var to: String
    public var body: String
    public var sentAt: Date
    /// When the phone may show it (the policy can delay delivery).
    public var deliverAt: Date
    /// Dropped by the simulated network (the policy can lose messages).
    public var lost: Bool

    public init(id: String, to: String, body: String, sentAt: Date, deliverAt: Date, lost: Bool = false) {
        self.schemaVersion = Self.currentSchemaVersion
        self.id = id
        self.to = to
        self.body = body
        self.sentAt = sentAt
        self.deliverAt = deliverAt
        self.lost = lost
    }

    public var key: String { id }
}

/// A mail in the simulated mail system: invitations and security notifications.
public struct MailMessage: StoreRecord {
    public static let collection = "outbox/mail"
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var id: String
    /// Lowercased destination address.
    public var to: String
    public var subject: String
    public var body: String
    public var sentAt: Date

    public init(id: String, to: String, subject: String, body: String, sentAt: Date) {
        self.schemaVersion = Self.currentSchemaVersion
        self.id = id
        self.to = to
        self.subject = subject
        self.body = body
        self.sentAt = sentAt
    }

    public var key: String { id }
}

/// A push interaction between the portal and an enrolled (or enrolling) push app.
public struct PushRequest: StoreRecord {
    public static let collection = "push"
    public static let currentSchemaVersion = 1

    public enum Kind: String, Codable, Sendable {
        /// The portal shows an enrollment QR and waits for the app to register.
        case enrollment
        /// A log-in waiting for Approve or Deny.
        case login
    }

    public enum Status: String, Codable, Sendable {
        case pending, approved, denied
    }

    public var schemaVersion: Int
    public var id: String
    public var kind: Kind
    /// Account key.
    public var account: String
    public var factorID: String
    public var createdAt: Date
    public var expiresAt: Date
    public var status: Status
    public var respondedAt: Date?
    /// Context shown on the phone: the device asking, and where from.
    public var device: String
    public var place: String
    /// Number the user must pick on the phone when number matching is on.
    public var numberToMatch: Int?
    /// For enrollment: the transaction id in the QR, and the device that answered.
    public var enrollmentTransactionID: String?
    public var pushDeviceID: String?
    public var pushDeviceName: String?
    /// For enrollment: the service name the QR's label carries, which a phone given the
    /// code by hand learns from the transaction instead.
    public var issuer: String?

    public init(
        id: String, kind: Kind, account: String, factorID: String, createdAt: Date, expiresAt: Date,
        device: String, place: String
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.id = id
        self.kind = kind
        self.account = account
        self.factorID = factorID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.status = .pending
        self.device = device
        self.place = place
    }

    public var key: String { id }

    /// Whether the request can still be answered at `now`.
    public func isOpen(at now: Date) -> Bool { status == .pending && now < expiresAt }
}

/// One line of the append-only audit log (`audit.log`, JSON lines).
public struct AuditEntry: Codable, Sendable, Equatable {
    public var time: Date
    /// A dotted event name, for example `mfa.enrolled` or `login.locked`.
    public var event: String
    public var account: String?
    public var detail: [String: String]

    public init(time: Date, event: String, account: String?, detail: [String: String] = [:]) {
        self.time = time
        self.event = event
        self.account = account
        self.detail = detail
    }
}

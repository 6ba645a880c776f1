#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A company; accounts point at it by key, invitations carry it to the invitee.
public struct Company: StoreRecord {
    public static let collection = "companies"
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// A stable identifier derived when the company is created (not its display name).
    public var id: String
    public var name: String
    public var createdAt: Date

    public init(id: String, name: String, createdAt: Date) {
        self.schemaVersion = Self.currentSchemaVersion
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }

    public var key: String { id }
}

/// A pending invitation; created once per email (`O_EXCL`), consumed at sign-up.
public struct Invitation: StoreRecord {
    public static let collection = "invites"
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The invitee's email, lowercased.
    public var email: String
    /// The inviter's account key.
    public var invitedBy: String
    /// The company key the invitee will join.
    public var company: String
    public var createdAt: Date
    public var acceptedAt: Date?

    public init(email: String, invitedBy: String, company: String, createdAt: Date) {
        self.schemaVersion = Self.currentSchemaVersion
        self.email = email
        self.invitedBy = invitedBy
        self.company = company
        self.createdAt = createdAt
    }

    public var key: String { email }
}

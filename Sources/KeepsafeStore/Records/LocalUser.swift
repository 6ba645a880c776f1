#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A system user name linked to a portal account (`keepsafe users link EMAIL USER`):
/// `keepsafe pam` and `keepsafe enroll` look the user up here before falling back to
/// `USER@DOMAIN`. Kept as a record of its own, keyed by the user name, so that a log-in
/// reads one small document whatever the number of accounts; the account names the
/// user back (`Account.localUser`), so a link cannot be claimed from the other side.
public struct LocalUser: StoreRecord {
    public static let collection = "local-users"
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// The system user name (`PAM_USER`).
    public var name: String
    /// The key of the linked account.
    public var account: String
    public var linkedAt: Date

    public init(name: String, account: String, linkedAt: Date) {
        self.schemaVersion = Self.currentSchemaVersion
        self.name = name
        self.account = account
        self.linkedAt = linkedAt
    }

    public var key: String { name }
}

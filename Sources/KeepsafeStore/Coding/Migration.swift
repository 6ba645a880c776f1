#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StoreRecord {
    /// Upgrades a document written with schema `version` to `version + 1`, in place.
    ///
    /// The store calls it once per step for a document older than
    /// `currentSchemaVersion`, then sets `schemaVersion` itself. The default handles
    /// version 0 (documents written before records carried a version, which otherwise
    /// match version 1); a record that changes shape overrides it.
    /// - Throws: anything, to mark the document corrupt with the error as the reason.
    public static func migrate(_ document: inout [String: Any], from version: Int) throws {}
}

extension Policy {
    /// Upgrades a `policy.json` written with schema `version` to `version + 1`, in place.
    /// Version 0 is version 1 without the field.
    public static func migrate(_ document: inout [String: Any], from version: Int) throws {}
}

extension Account {
    /// Version 0 accounts (before versioning) may lack the counters, lists and flags;
    /// they get the values a new account starts with.
    public static func migrate(_ document: inout [String: Any], from version: Int) throws {
        guard version == 0 else { return }
        let defaults: [String: Any] = [
            "factors": [Any](), "trustedDevices": [Any](), "smsSentAt": [Any](), "pushRequestedAt": [Any](),
            "mfaRequiredAtNextLogin": false, "failedLogins": 0, "lockouts": 0,
            "announcementDismissed": false,
        ]
        for (field, value) in defaults where document[field] == nil {
            document[field] = value
        }
    }
}

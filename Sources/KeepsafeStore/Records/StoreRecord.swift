#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A document kept in the store, one JSON file per record.
///
/// `collection` names the folder below the store root (`accounts`, `outbox/sms`, ...);
/// `key` names the file inside it. Keys are free text (an email may contain `/`): the
/// file store encodes them into safe file names, never the record itself.
public protocol StoreRecord: Codable, Sendable, Equatable {
    /// The folder below the store root, for example `accounts` or `outbox/sms`.
    static var collection: String { get }
    /// The schema version this build writes. A document with a higher version is refused.
    static var currentSchemaVersion: Int { get }
    /// The record's identity inside its collection.
    var key: String { get }
    /// The schema version the document was written with.
    var schemaVersion: Int { get set }

    /// Upgrades a document written with schema `version` to `version + 1`, in place
    /// (see `Migration.swift`; the default does nothing).
    static func migrate(_ document: inout [String: Any], from version: Int) throws
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the flow engine, the phone and the admin commands need from a store.
///
/// Two implementations: the file store (one JSON document per record, atomic replace,
/// `flock` transactions) and an in-memory store with the same semantics for unit tests.
public protocol DocumentStore: Sendable {
    /// The store's policy (`policy.json`; the defaults when the file is missing).
    /// - Throws: `StoreError.corrupt` or `.unsupportedVersion` naming the file.
    func policy() throws -> Policy

    /// Reads one record, or `nil` when there is none with that key. Takes no lock:
    /// a document is replaced whole, so a read sees the old or the new one.
    /// - Throws: `StoreError.invalidKey` (`""`, `"."`, `".."`, over 255 bytes encoded),
    ///   `.corrupt` / `.unsupportedVersion` naming the file, `.io` naming the path.
    func read<R: StoreRecord>(_ type: R.Type, key: String) throws -> R?

    /// Creates a record; throws `StoreError.alreadyExists` when the key is taken
    /// (atomic across processes: exactly one of two concurrent creators wins).
    /// - Throws: also `.nestedTransaction` inside an `update` of the same record, and
    ///   what `read` throws.
    func create<R: StoreRecord>(_ record: R) throws

    /// Read-modify-write of one record under an exclusive lock held for the whole call.
    /// `body` sees the current record (or `nil`) and may change, create (`nil` → value)
    /// or delete (value → `nil`) it; its result is returned. Nothing is written when
    /// the record is unchanged or `body` throws.
    /// - Throws: what `read` and `body` throw; `.nestedTransaction` when called from an
    ///   `update` body of the same record in the same thread (it would wait for itself);
    ///   `.keyMismatch` when `body` leaves a record with another key.
    @discardableResult
    func update<R: StoreRecord, T>(
        _ type: R.Type, key: String, _ body: (inout R?) throws -> T
    ) throws -> T

    /// All records of a collection, in key order.
    /// - Complexity: O(n) in the collection's size; reads each document once.
    func list<R: StoreRecord>(_ type: R.Type) throws -> [R]

    /// The keys of a collection, in key order, without reading any document.
    /// - Complexity: O(n) in the collection's size.
    func keys<R: StoreRecord>(of type: R.Type) throws -> [String]

    /// Calls `body` with each record of a collection in key order, holding one record in
    /// memory at a time; a record deleted meanwhile is skipped. Errors from `body` stop
    /// the walk and propagate.
    /// - Complexity: O(n) in the collection's size; reads each document once.
    func forEach<R: StoreRecord>(_ type: R.Type, _ body: (R) throws -> Void) throws

    /// Replaces the policy (atomically, as any document).
    func writePolicy(_ policy: Policy) throws

    /// Appends one line to the audit log (one write and an fsync, under the log's lock).
    func appendAudit(_ entry: AuditEntry) throws

    /// The audit log, oldest first.
    func auditLog() throws -> [AuditEntry]
}

extension DocumentStore {
    /// Writes a record whole, creating or replacing it.
    public func save<R: StoreRecord>(_ record: R) throws {
        try update(R.self, key: record.key) { $0 = record }
    }

    /// Removes a record if it exists.
    public func delete<R: StoreRecord>(_ type: R.Type, key: String) throws {
        try update(type, key: key) { $0 = nil }
    }

    /// Default for stores written before `keys(of:)` existed: the keys of `list`.
    public func keys<R: StoreRecord>(of type: R.Type) throws -> [String] {
        try list(type).map(\.key).sorted()
    }

    /// Default for stores that cannot change their policy: refuses with `ENOTSUP`.
    public func writePolicy(_ policy: Policy) throws {
        throw StoreError.io(path: "policy.json", operation: "write policy", errno: ENOTSUP)
    }

    /// Default: reads the keys, then each record in turn.
    public func forEach<R: StoreRecord>(_ type: R.Type, _ body: (R) throws -> Void) throws {
        for key in try keys(of: type) {
            if let record = try read(type, key: key) { try body(record) }
        }
    }
}

/// Store failures, each naming the file or key at fault.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyExists(collection: String, key: String)
    case corrupt(file: String, reason: String)
    case unsupportedVersion(file: String, found: Int, supported: Int)
    case io(path: String, operation: String, errno: Int32)
    case invalidKey(String)
    /// A collection name that is not a relative path of plain folder names.
    case invalidCollection(String)
    /// `update` (or `create`) of a record from inside a transaction on the same record:
    /// it would deadlock, so it is refused.
    case nestedTransaction(collection: String, key: String)
    /// A record an administrative command needs does not exist.
    case notFound(collection: String, key: String)
    /// An `update` body replaced the record with one whose key is different.
    case keyMismatch(collection: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .alreadyExists(let collection, let key):
            return "\(collection)/\(key) already exists"
        case .corrupt(let file, let reason):
            return "\(file): corrupt document: \(reason)"
        case .unsupportedVersion(let file, let found, let supported):
            return "\(file): schema version \(found) is newer than this keepsafe supports (\(supported))"
        case .io(let path, let operation, let code):
            return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
        case .invalidKey(let key):
            return "invalid record key \(key.debugDescription)"
        case .invalidCollection(let collection):
            return "invalid collection name \(collection.debugDescription)"
        case .nestedTransaction(let collection, let key):
            return "\(collection)/\(key): a transaction on this record is already open in this thread"
        case .notFound(let collection, let key):
            return "\(collection)/\(key) does not exist"
        case .keyMismatch(let collection, let expected, let found):
            return
                "\(collection)/\(expected): the update produced a record with key \(found.debugDescription)"
        }
    }
}

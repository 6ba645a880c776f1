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

/// A store: documents (one per record), the policy and the audit log.
///
/// `transaction` is the one way to change it. Everything a user operation writes (its
/// records, its audit lines, its outgoing mail and SMS, its push requests) is staged in
/// one `StoreTransaction` and committed together, or not at all: after a crash, a full
/// disk or a killed process the store holds the state before or after the transaction,
/// never a mix. Two engines implement it: `FileStore` (a folder, the embedded default)
/// and, for teams, a database server engine in its own module. `InMemoryStore` is the
/// unit tests' twin.
///
///     try store.transaction { tx in
///         try tx.create(account)
///         try tx.create(company)
///         try tx.appendAudit(entry)
///     }
public protocol DocumentStore: RecordReader, Sendable {
    /// Runs `body` in a read-write transaction and commits what it staged.
    ///
    /// `body` sees the committed state plus its own staged changes, and no other writer
    /// runs between its first read and the commit, so a check and the change it guards
    /// (a failure counter, a uniqueness rule) are one step for every process sharing the
    /// store. Nothing is written when `body` throws or stages nothing.
    /// - Throws: what `body` throws; `StoreError.notCommitted` when the commit could not
    ///   be made durable (the store is then exactly as before); `.nestedTransaction` when
    ///   a transaction of this store is already open in this thread (it would wait for
    ///   itself); `.io`, `.corrupt` naming the file.
    func transaction<T>(_ body: (StoreTransaction) throws -> T) throws -> T

    /// Runs `body` on a consistent, read-only view of the store (a staged change throws
    /// `StoreError.readOnlyTransaction`). Cheaper than `transaction` for engines that can
    /// share a read lock.
    func snapshot<T>(_ body: (StoreTransaction) throws -> T) throws -> T

    /// The audit log, oldest first.
    func auditLog() throws -> [AuditEntry]

    /// Where the store is, for messages and identities: a folder path or a URL without
    /// its password.
    var location: String { get }
}

// One-call conveniences: each is a transaction of its own. Use `transaction` as soon as
// an operation touches two documents, or reads before it writes.
extension DocumentStore {
    /// The store's policy (`policy.json`; the defaults when there is none).
    public func policy() throws -> Policy {
        try snapshot { try $0.policy() }
    }

    /// Replaces the policy.
    public func writePolicy(_ policy: Policy) throws {
        try transaction { try $0.writePolicy(policy) }
    }

    /// One record, or `nil` when there is none with that key.
    public func read<R: StoreRecord>(_ type: R.Type, key: String) throws -> R? {
        try snapshot { try $0.read(type, key: key) }
    }

    /// Creates a record; `StoreError.alreadyExists` when the key is taken (exactly one of
    /// several concurrent creators wins).
    public func create<R: StoreRecord>(_ record: R) throws {
        try transaction { try $0.create(record) }
    }

    /// Read-modify-write of one record (see `StoreTransaction.update`).
    @discardableResult
    public func update<R: StoreRecord, T>(
        _ type: R.Type, key: String, _ body: (inout R?) throws -> T
    ) throws -> T {
        try transaction { try $0.update(type, key: key, body) }
    }

    /// Writes a record whole, creating or replacing it.
    public func save<R: StoreRecord>(_ record: R) throws {
        try transaction { try $0.save(record) }
    }

    /// Removes a record if it exists.
    public func delete<R: StoreRecord>(_ type: R.Type, key: String) throws {
        try transaction { try $0.delete(type, key: key) }
    }

    /// Appends one line to the audit log.
    public func appendAudit(_ entry: AuditEntry) throws {
        try transaction { try $0.appendAudit(entry) }
    }

    /// The keys of a collection, in key order, without reading any document.
    /// - Complexity: O(n) in the collection's size.
    public func keys<R: StoreRecord>(of type: R.Type) throws -> [String] {
        try snapshot { try $0.keys(of: type) }
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
    /// A transaction opened from inside another transaction of the same store in the
    /// same thread: it would wait for itself, so it is refused.
    case nestedTransaction(store: String)
    /// A record an administrative command needs does not exist.
    case notFound(collection: String, key: String)
    /// An `update` body replaced the record with one whose key is different.
    case keyMismatch(collection: String, expected: String, found: String)
    /// A commit that could not be made durable; the store is exactly as before.
    case notCommitted(path: String, errno: Int32)
    /// A document larger than `StoreTransaction.maximumDocumentBytes`.
    case tooLarge(file: String, bytes: Int, limit: Int)
    /// Something other than a regular file (a FIFO, a device, a socket, a folder)
    /// where a document should be; it is never opened for reading.
    case notRegularFile(path: String)
    /// No store at the path, for a command that only reads and never creates one.
    case noStore(path: String)
    /// A change staged in a read-only snapshot.
    case readOnlyTransaction
    /// The database server could not be reached, or the connection dropped while the
    /// operation was in flight (a restart, a network cut); the next operation reconnects.
    case unreachable(store: String, reason: String)
    /// The database server refused the operation (a constraint, a permission, a
    /// misconfigured server); its transaction changed nothing.
    case database(store: String, reason: String)
    /// A store that must be empty (the destination of a copy) holds records.
    case notEmpty(store: String)

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
        case .nestedTransaction(let store):
            return "\(store): a transaction of this store is already open in this thread"
        case .notFound(let collection, let key):
            return "\(collection)/\(key) does not exist"
        case .keyMismatch(let collection, let expected, let found):
            return
                "\(collection)/\(expected): the update produced a record with key \(found.debugDescription)"
        case .notCommitted(let path, let code):
            switch code {
            case ENOSPC, EDQUOT: return "the disk is full: nothing was changed"
            case EROFS: return "the store is on a read-only file system: nothing was changed"
            case EACCES, EPERM: return "cannot write \(path): permission denied: nothing was changed"
            default: return "cannot write \(path): \(String(cString: strerror(code))): nothing was changed"
            }
        case .tooLarge(let file, let bytes, let limit):
            return "\(file): document of \(bytes) bytes is larger than the limit of \(limit) bytes"
        case .notRegularFile(let path):
            return "\(path): not a regular file (a FIFO, device, socket or folder); it was not opened"
        case .noStore(let path):
            return "no store at \(path)"
        case .readOnlyTransaction:
            return "a change was made in a read-only snapshot of the store"
        case .unreachable(let store, let reason):
            return "\(store): the database server is unreachable: \(reason)"
        case .database(let store, let reason):
            return "\(store): the database refused the operation: \(reason)"
        case .notEmpty(let store):
            return "\(store) is not empty: the destination of a copy must hold no records"
        }
    }
}

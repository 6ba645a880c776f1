#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What an engine gives a transaction: the committed documents, as bytes.
///
/// An engine makes one backend per transaction and holds whatever isolation it needs
/// (a lock, an SQL transaction) until it has committed `StoreTransaction.changes`.
public protocol TransactionBackend: AnyObject {
    /// The committed bytes of a document, or `nil` when there is none.
    func committedDocument(_ path: DocumentPath) throws -> Data?
    /// The committed keys of a collection (any order).
    func committedKeys(in collection: String) throws -> [String]
    /// The committed policy document, or `nil` when the store has none (defaults apply).
    func committedPolicy() throws -> Data?
    /// How a document is named in messages (`STORE/accounts/a@b.json`).
    func displayName(_ path: DocumentPath) -> String
    /// How the policy is named in messages.
    var policyDisplayName: String { get }
}

/// A document's place: its collection and key, and the file name the key encodes to.
public struct DocumentPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let collection: String
    public let key: String
    /// `<encoded key>.json` (see `RecordName`).
    public let fileName: String

    /// - Throws: `StoreError.invalidCollection` or `.invalidKey`.
    public init(collection: String, key: String) throws {
        try RecordName.validateCollection(collection)
        self.collection = collection
        self.key = key
        self.fileName = try RecordName.fileName(forKey: key)
    }

    /// `collection/<file name>`, the document's path below the store root.
    public var relative: String { collection + "/" + fileName }
    public var description: String { relative }

    public static func < (lhs: DocumentPath, rhs: DocumentPath) -> Bool { lhs.relative < rhs.relative }
}

/// What a transaction staged, in the canonical order engines apply it in.
public struct StagedChanges: Sendable, Equatable {
    /// New bytes for each document, `nil` to delete it; sorted by relative path.
    public var documents: [(path: DocumentPath, data: Data?)]
    /// The new policy document, if the transaction replaced it.
    public var policy: Data?
    /// Audit lines (JSON, each ending in a newline), in the order they were appended.
    public var audit: [Data]

    public var isEmpty: Bool { documents.isEmpty && policy == nil && audit.isEmpty }

    public static func == (lhs: StagedChanges, rhs: StagedChanges) -> Bool {
        lhs.policy == rhs.policy && lhs.audit == rhs.audit && lhs.documents.count == rhs.documents.count
            && zip(lhs.documents, rhs.documents).allSatisfy { $0.path == $1.path && $0.data == $1.data }
    }
}

/// One transaction: reads see the committed state and this transaction's own changes;
/// changes are staged in memory until the engine commits them all at once.
///
/// Only valid inside the `transaction` (or `snapshot`) body that received it.
public final class StoreTransaction: RecordReader {
    /// The largest document a store accepts, written or read (1 MiB): no record of the
    /// portal comes near it, and it bounds what a hostile file can make a reader hold.
    public static let maximumDocumentBytes = 1 << 20

    private let backend: any TransactionBackend
    private let readOnly: Bool
    private var staged: [DocumentPath: Data?] = [:]
    private var stagedPolicy: Data?
    private var auditLines: [Data] = []
    /// Records already decoded in this transaction, with the bytes they came from: an
    /// effect reads the signed-in account several times, and decoding is three JSON passes.
    private var decoded: [DocumentPath: (data: Data, record: Any)] = [:]

    public init(backend: any TransactionBackend, readOnly: Bool) {
        self.backend = backend
        self.readOnly = readOnly
    }

    /// Everything staged so far, in canonical order.
    public var changes: StagedChanges {
        StagedChanges(
            documents: staged.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, policy: stagedPolicy,
            audit: auditLines)
    }

    // MARK: Reading

    /// One record, or `nil` when there is none with that key.
    /// - Throws: `.invalidKey`, `.corrupt` / `.unsupportedVersion` / `.tooLarge` naming the
    ///   file, the engine's `.io`.
    public func read<R: StoreRecord>(_ type: R.Type, key: String) throws -> R? {
        let path = try DocumentPath(collection: R.collection, key: key)
        guard let data = try document(path) else { return nil }
        if let known = decoded[path], known.data == data, let record = known.record as? R { return record }
        let record = try RecordCoder.decode(type, from: data, file: backend.displayName(path))
        decoded[path] = (data, record)
        return record
    }

    /// The keys of a collection in key order, this transaction's changes included.
    /// - Complexity: O(n) in the collection's size; no document is read.
    public func keys<R: StoreRecord>(of type: R.Type) throws -> [String] {
        try RecordName.validateCollection(R.collection)
        var keys = Set(try backend.committedKeys(in: R.collection))
        for (path, data) in staged where path.collection == R.collection {
            if data == nil { keys.remove(path.key) } else { keys.insert(path.key) }
        }
        return keys.sorted()
    }

    /// The policy as this transaction sees it (the defaults when the store has none).
    public func policy() throws -> Policy {
        guard let data = try stagedPolicy ?? backend.committedPolicy() else { return Policy() }
        return try RecordCoder.decodePolicy(from: data, file: backend.policyDisplayName)
    }

    // MARK: Writing

    /// Stages a new record; `StoreError.alreadyExists` when the key is taken.
    public func create<R: StoreRecord>(_ record: R) throws {
        let path = try DocumentPath(collection: R.collection, key: record.key)
        guard try document(path) == nil else {
            throw StoreError.alreadyExists(collection: R.collection, key: record.key)
        }
        try stage(record, at: path)
    }

    /// Stages a record whole, creating or replacing it.
    public func save<R: StoreRecord>(_ record: R) throws {
        try stage(record, at: try DocumentPath(collection: R.collection, key: record.key))
    }

    /// Stages the removal of a record (nothing happens if there is none).
    public func delete<R: StoreRecord>(_ type: R.Type, key: String) throws {
        let path = try DocumentPath(collection: R.collection, key: key)
        guard try document(path) != nil else { return }
        try checkWritable()
        staged[path] = .some(nil)
    }

    /// Read-modify-write of one record: `body` sees the current record (or `nil`) and may
    /// change, create (`nil` → value) or delete (value → `nil`) it; its result is
    /// returned. Nothing is staged when the record is unchanged.
    /// - Throws: what `read` and `body` throw; `.keyMismatch` when `body` leaves a record
    ///   with another key.
    @discardableResult
    public func update<R: StoreRecord, T>(
        _ type: R.Type, key: String, _ body: (inout R?) throws -> T
    ) throws -> T {
        let path = try DocumentPath(collection: R.collection, key: key)
        let before = try read(type, key: key)
        var record = before
        let result = try body(&record)
        guard record != before else { return result }
        if let record {
            guard record.key == key else {
                throw StoreError.keyMismatch(collection: R.collection, expected: key, found: record.key)
            }
            try stage(record, at: path)
        } else {
            try checkWritable()
            staged[path] = .some(nil)
        }
        return result
    }

    /// Stages one audit line, written with the transaction's other changes.
    public func appendAudit(_ entry: AuditEntry) throws {
        try checkWritable()
        auditLines.append(try AuditLog.encodeLine(entry))
    }

    /// Stages a new policy document.
    public func writePolicy(_ policy: Policy) throws {
        try checkWritable()
        var policy = policy
        policy.schemaVersion = Policy.currentSchemaVersion
        stagedPolicy = try RecordCoder.encode(policy, file: backend.policyDisplayName)
    }

    // MARK: Raw documents (whole-store tools: copy, export)

    /// The bytes of any document, known record type or not (`phone/...`), or `nil`.
    public func rawDocument(collection: String, key: String) throws -> Data? {
        try document(try DocumentPath(collection: collection, key: key))
    }

    /// The keys of any collection, this transaction's changes included, in key order.
    public func rawKeys(in collection: String) throws -> [String] {
        try RecordName.validateCollection(collection)
        var keys = Set(try backend.committedKeys(in: collection))
        for (path, data) in staged where path.collection == collection {
            if data == nil { keys.remove(path.key) } else { keys.insert(path.key) }
        }
        return keys.sorted()
    }

    /// Stages a document's bytes as they are, after checking that they are one JSON
    /// object no larger than the limit (what copying a store needs, record type unknown).
    public func putRaw(collection: String, key: String, data: Data) throws {
        try checkWritable()
        let path = try DocumentPath(collection: collection, key: key)
        let file = backend.displayName(path)
        guard data.count <= Self.maximumDocumentBytes else {
            throw StoreError.tooLarge(file: file, bytes: data.count, limit: Self.maximumDocumentBytes)
        }
        if let reason = RecordCoder.jsonObjectProblem(data) { throw StoreError.corrupt(file: file, reason: reason) }
        staged[path] = .some(data)
    }

    // MARK: Internals

    /// The bytes this transaction sees for `path`: staged, else committed.
    private func document(_ path: DocumentPath) throws -> Data? {
        if let change = staged[path] { return change }
        return try backend.committedDocument(path)
    }

    private func stage<R: StoreRecord>(_ record: R, at path: DocumentPath) throws {
        try checkWritable()
        var record = record
        record.schemaVersion = R.currentSchemaVersion
        let file = backend.displayName(path)
        let data = try RecordCoder.encodeRecord(record, file: file)
        guard data.count <= Self.maximumDocumentBytes else {
            throw StoreError.tooLarge(file: file, bytes: data.count, limit: Self.maximumDocumentBytes)
        }
        staged[path] = .some(data)
    }

    private func checkWritable() throws {
        if readOnly { throw StoreError.readOnlyTransaction }
    }
}

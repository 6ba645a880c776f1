import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A `DocumentStore` held in memory, for the flow engine's unit tests.
///
/// It keeps each record as the same JSON bytes the file store writes, so a record read
/// back equals the one saved exactly as it would from disk, and it refuses what the
/// file store refuses (invalid keys, a second `create`, an update nested in an update
/// of the same record). Safe to use from several threads: every call runs under one
/// lock, held across an `update` body.
///
///     let store = InMemoryStore(policy: .testing())
///     try store.create(account)
///     try store.update(Account.self, key: account.key) { $0?.failedLogins += 1 }
public final class InMemoryStore: DocumentStore, @unchecked Sendable {
    // @unchecked: every stored property below is only touched under `lock`.
    private let lock = Lock(recursive: true)
    private var documents: [String: [String: Data]] = [:]
    private var policyDocument: Data
    private var auditLines: [Data] = []
    private var openTransactions: Set<String> = []

    /// An empty store with `policy`.
    public init(policy: Policy = Policy()) {
        policyDocument = (try? RecordCoder.encode(policy, file: "policy.json")) ?? Data()
    }

    public func policy() throws -> Policy {
        try lock.withLock { try RecordCoder.decodePolicy(from: policyDocument, file: "policy.json") }
    }

    public func writePolicy(_ policy: Policy) throws {
        var policy = policy
        policy.schemaVersion = Policy.currentSchemaVersion
        let data = try RecordCoder.encode(policy, file: "policy.json")
        lock.withLock { policyDocument = data }
    }

    public func read<R: StoreRecord>(_ type: R.Type, key: String) throws -> R? {
        let file = try Self.path(type, key)
        return try lock.withLock {
            try documents[R.collection]?[key].map { try RecordCoder.decode(type, from: $0, file: file) }
        }
    }

    public func create<R: StoreRecord>(_ record: R) throws {
        let file = try Self.path(R.self, record.key)
        var record = record
        record.schemaVersion = R.currentSchemaVersion
        let data = try RecordCoder.encode(record, file: file)
        try lock.withLock {
            guard !openTransactions.contains(file) else {
                throw StoreError.nestedTransaction(collection: R.collection, key: record.key)
            }
            guard documents[R.collection]?[record.key] == nil else {
                throw StoreError.alreadyExists(collection: R.collection, key: record.key)
            }
            documents[R.collection, default: [:]][record.key] = data
        }
    }

    @discardableResult
    public func update<R: StoreRecord, T>(
        _ type: R.Type, key: String, _ body: (inout R?) throws -> T
    ) throws -> T {
        let file = try Self.path(type, key)
        lock.lock()
        defer { lock.unlock() }
        guard openTransactions.insert(file).inserted else {
            throw StoreError.nestedTransaction(collection: R.collection, key: key)
        }
        defer { openTransactions.remove(file) }
        let before = try documents[R.collection]?[key].map {
            try RecordCoder.decode(type, from: $0, file: file)
        }
        var record = before
        let result = try body(&record)
        guard record != before else { return result }
        if var record {
            guard record.key == key else {
                throw StoreError.keyMismatch(collection: R.collection, expected: key, found: record.key)
            }
            record.schemaVersion = R.currentSchemaVersion
            documents[R.collection, default: [:]][key] = try RecordCoder.encode(record, file: file)
        } else {
            documents[R.collection]?[key] = nil
        }
        return result
    }

    public func keys<R: StoreRecord>(of type: R.Type) throws -> [String] {
        try RecordName.validateCollection(R.collection)
        return lock.withLock { (documents[R.collection]?.keys).map { $0.sorted() } ?? [] }
    }

    public func list<R: StoreRecord>(_ type: R.Type) throws -> [R] {
        var records: [R] = []
        try forEach(type) { records.append($0) }
        return records
    }

    public func appendAudit(_ entry: AuditEntry) throws {
        let line = try AuditLog.encodeLine(entry)
        lock.withLock { auditLines.append(line) }
    }

    public func auditLog() throws -> [AuditEntry] {
        let lines = lock.withLock { auditLines }
        return try lines.enumerated().map { index, line in
            try AuditLog.decodeLine(line, file: AuditLog.fileName, line: index + 1)
        }
    }

    /// `collection/<file name>` after checking both; the name errors and messages use.
    private static func path<R: StoreRecord>(_ type: R.Type, _ key: String) throws -> String {
        try RecordName.validateCollection(R.collection)
        return R.collection + "/" + (try RecordName.fileName(forKey: key))
    }
}

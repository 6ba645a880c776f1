import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A `DocumentStore` held in memory, for the flow engine's unit tests.
///
/// It keeps each record as the same JSON bytes the file store writes and runs the same
/// `StoreTransaction`, so a record read back equals the one saved exactly as it would
/// from disk, and it refuses what the file store refuses (invalid keys, a second
/// `create`, a transaction nested in a transaction). Transactions are serialised by one
/// lock; a commit swaps the staged documents in at once.
///
///     let store = InMemoryStore(policy: .testing())
///     try store.transaction { tx in try tx.create(account) }
public final class InMemoryStore: DocumentStore, @unchecked Sendable {
    // @unchecked: every stored property below is only touched under `lock`.
    private let lock = Lock()
    private let registryLock = Lock()
    private var openTransactions: Set<UInt> = []
    private var documents: [String: [String: Data]] = [:]
    private var policyDocument: Data?
    private var auditLines: [Data] = []

    /// An empty store with `policy`.
    public init(policy: Policy = Policy()) {
        var policy = policy
        policy.schemaVersion = Policy.currentSchemaVersion
        policyDocument = try? RecordCoder.encode(policy, file: "policy.json")
    }

    public var location: String { "memory" }

    public func transaction<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try run(readOnly: false, body)
    }

    public func snapshot<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try run(readOnly: true, body)
    }

    public func auditLog() throws -> [AuditEntry] {
        let lines = lock.withLock { auditLines }
        return try lines.enumerated().map { index, line in
            try AuditLog.decodeLine(line, file: AuditLog.fileName, line: index + 1)
        }
    }

    private func run<T>(readOnly: Bool, _ body: (StoreTransaction) throws -> T) throws -> T {
        let thread = ThreadIdentity.current
        guard registryLock.withLock({ openTransactions.insert(thread).inserted }) else {
            throw StoreError.nestedTransaction(store: location)
        }
        defer { _ = registryLock.withLock { openTransactions.remove(thread) } }
        lock.lock()
        defer { lock.unlock() }
        let transaction = StoreTransaction(backend: Backend(store: self), readOnly: readOnly)
        let result = try body(transaction)
        let changes = transaction.changes
        for (path, data) in changes.documents {
            documents[path.collection, default: [:]][path.key] = data
        }
        if let policy = changes.policy { policyDocument = policy }
        auditLines.append(contentsOf: changes.audit)
        return result
    }

    /// The committed documents, read under the store's lock (held by `run`).
    private final class Backend: TransactionBackend {
        unowned let store: InMemoryStore

        init(store: InMemoryStore) {
            self.store = store
        }

        func committedDocument(_ path: DocumentPath) throws -> Data? {
            store.documents[path.collection]?[path.key]
        }

        func committedKeys(in collection: String) throws -> [String] {
            store.documents[collection].map { Array($0.keys) } ?? []
        }

        func committedPolicy() throws -> Data? { store.policyDocument }
        func displayName(_ path: DocumentPath) -> String { path.relative }
        var policyDisplayName: String { "policy.json" }
    }
}

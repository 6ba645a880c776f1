import KeepsafeBase

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

/// The store on disk, the embedded default: a folder of JSON documents, one per record
/// (PRODUCT.md §5), changed only through transactions.
///
/// - A transaction holds the store's exclusive `flock` (`.locks/store.lock`) from its
///   first read to its commit: one lock, so no two processes can wait for each other in
///   a cycle, and a check and the change it guards are one step for every process.
/// - A commit is one record in the redo journal (`FileJournal`): all of a transaction's
///   documents, audit lines and outgoing messages, or none of them.
/// - Readers share the lock, and a reader that finds a dead writer's commit unapplied
///   finishes it first: nothing ever reads a half-applied transaction.
/// - Only regular files are opened; a document over 1 MiB is refused.
///
/// Safe to share between threads and processes.
///
///     let store = try FileStore(path: FileStore.defaultPath())
///     try store.transaction { tx in try tx.update(Account.self, key: email) { $0?.failedLogins += 1 } }
///
/// - Complexity: a commit costs O(size of the documents it changes), whatever the
///   number of records.
public final class FileStore: DocumentStore, @unchecked Sendable {
    // @unchecked: the only mutable state, `openTransactions`, is guarded by `registryLock`;
    // the journal is used only under the store's flock.

    /// The store directory, as given (without trailing slashes).
    public let path: String
    public var location: String { path }
    let journal: FileJournal
    private let registryLock = Lock()
    private var openTransactions: Set<UInt> = []

    /// The store format this build reads and writes (the `VERSION` file). Format 1 had
    /// no journal; it is upgraded in place when opened.
    public static let formatVersion = 2
    static let lockDirectory = ".locks"
    static let storeLock = "store.lock"
    static let tempDirectory = ".tmp"
    static let legacyTempPrefix = ".tmp."
    static let journalFile = "journal"
    static let policyFile = "policy.json"
    static let versionFile = "VERSION"

    /// Opens the store at `path`, creating it with `initialPolicy` if it is missing
    /// (and `createIfMissing`). What a crash left is finished before anything reads (every
    /// transaction and snapshot checks the journal first).
    /// - Throws: `StoreError.noStore` (missing store and `createIfMissing` false),
    ///   `.io` (no permission, not a directory), `.corrupt` (a directory that holds other
    ///   files and no `VERSION`, an unreadable `VERSION`) or `.unsupportedVersion` (a
    ///   store written by a newer keepsafe).
    ///
    /// `sweepingTemporaryFiles: false` leaves the tidying (the journal's checkpoint and
    /// dead writers' temp files) to a later `sweepTemporaryFiles()`: a checkpoint syncs
    /// files, which a program showing its first screen should not wait for.
    public init(
        path: String, createIfMissing: Bool = true, initialPolicy: Policy = Policy(),
        sweepingTemporaryFiles: Bool = true
    ) throws {
        let normalized = Self.normalize(path)
        self.path = normalized
        try StoreSetup(root: normalized).open(createIfMissing: createIfMissing, initialPolicy: initialPolicy)
        journal = try FileJournal(root: normalized)
        if sweepingTemporaryFiles { try sweepTemporaryFiles() }
    }

    /// The store location when `--store` is not given: `KEEPSAFE_STORE`, else
    /// `$XDG_DATA_HOME/keepsafe`, else `~/.local/share/keepsafe`.
    public static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let store = environment["KEEPSAFE_STORE"], !store.isEmpty { return store }
        // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/keepsafe" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? Path.homeDirectory
        return home + "/.local/share/keepsafe"
    }

    /// `path` without trailing slashes (`/` stays `/`); relative forms (`p`, `./p`) stay
    /// relative to the working folder.
    static func normalize(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed.isEmpty ? "." : String(trimmed)
    }

    // MARK: Transactions

    public func transaction<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try withThreadRegistered {
            let lock = try LockFile(path: lockPath)
            do {
                try journal.recoverIfNeeded()
            } catch let StoreError.io(path, _, code) {
                // Finishing a dead writer's commit failed (a full disk, say): this
                // transaction has not started, so it changed nothing.
                throw StoreError.notCommitted(path: path, errno: code)
            }
            let transaction = StoreTransaction(backend: FileBackend(root: path), readOnly: false)
            let result = try body(transaction)
            let changes = transaction.changes
            if !changes.isEmpty {
                CommitTrace.record(root: path, changes)
                try journal.commit(changes)
            }
            _ = consume lock
            return result
        }
    }

    public func snapshot<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try withThreadRegistered {
            var lock = try LockFile(path: lockPath, shared: true)
            if try journal.needsRecovery() {
                _ = consume lock
                lock = try LockFile(path: lockPath)
                try journal.recoverIfNeeded()
            }
            let result = try body(StoreTransaction(backend: FileBackend(root: path), readOnly: true))
            _ = consume lock
            return result
        }
    }

    // MARK: Audit log

    public func auditLog() throws -> [AuditEntry] {
        let file = path + "/" + AuditLog.fileName
        let data = try snapshot { _ in try POSIXFile.readFile(file, limit: Int.max) }
        guard let data else { return [] }
        var entries: [AuditEntry] = []
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            entries.append(try AuditLog.decodeLine(Data(line), file: file, line: index + 1))
        }
        return entries
    }

    // MARK: Paths and locks

    /// `STORE/<collection>/<file name>` after checking both.
    func documentPath<R: StoreRecord>(_ type: R.Type, _ key: String) throws -> String {
        path + "/" + (try DocumentPath(collection: R.collection, key: key)).relative
    }

    var lockPath: String { path + "/" + Self.lockDirectory + "/" + Self.storeLock }

    /// When no transaction is running: finishes what a crash left, checkpoints the
    /// journal (so no copy of a changed document lingers in it past the session that
    /// wrote it) and clears dead writers' temp files, as opening does by default. A busy
    /// store is left to the next transaction's recovery.
    /// - Complexity: O(journal size) and a few fsyncs; no document is read.
    public func sweepTemporaryFiles() throws {
        guard let lock = try LockFile.tryLock(path: lockPath) else { return }
        try journal.recoverIfNeeded()
        try journal.checkpoint()
        try journal.removeTemps()
        // A crash while the store was being made (or upgraded) can leave a temp file
        // of its VERSION, policy or journal beside them.
        for name in try POSIXFile.names(in: path) where name.hasPrefix(Self.legacyTempPrefix) {
            try POSIXFile.removeFile(path + "/" + name)
        }
        _ = consume lock
    }

    /// Runs `body` with this thread marked as inside a transaction of this store, refusing
    /// a second one (it would wait for the lock the first one holds).
    private func withThreadRegistered<T>(_ body: () throws -> T) throws -> T {
        let thread = ThreadIdentity.current
        let inserted = registryLock.withLock { openTransactions.insert(thread).inserted }
        guard inserted else { throw StoreError.nestedTransaction(store: path) }
        defer { _ = registryLock.withLock { openTransactions.remove(thread) } }
        return try body()
    }
}

/// A file-store transaction's view of the committed documents.
final class FileBackend: TransactionBackend {
    let root: String

    init(root: String) {
        self.root = root
    }

    func committedDocument(_ path: DocumentPath) throws -> Data? {
        try POSIXFile.readFile(root + "/" + path.relative)
    }

    func committedKeys(in collection: String) throws -> [String] {
        try POSIXFile.names(in: root + "/" + collection).compactMap(RecordName.key(forFileName:))
    }

    func committedPolicy() throws -> Data? {
        try POSIXFile.readFile(policyDisplayName)
    }

    func displayName(_ path: DocumentPath) -> String { root + "/" + path.relative }
    var policyDisplayName: String { root + "/" + FileStore.policyFile }
}

/// The calling thread, to refuse a transaction nested in one the same thread holds.
enum ThreadIdentity {
    static var current: UInt {
        #if canImport(Darwin)
            return UInt(bitPattern: pthread_self())
        #else
            return UInt(pthread_self())
        #endif
    }
}

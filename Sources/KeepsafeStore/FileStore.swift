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

/// The store on disk: a directory of JSON documents, one per record (PRODUCT.md §5).
///
/// - A change rewrites one document atomically and durably: a temp file in the same
///   directory (mode 0600, `O_EXCL`), write, fsync, rename over the target, fsync the
///   directory.
/// - `update` holds an exclusive `flock` on the record's lock file (`.locks/...`,
///   never renamed or deleted) for the whole read-modify-write; `create` links the
///   finished temp file to its name, which fails if the name exists, so exactly one of
///   several concurrent creators wins.
/// - Reads take no lock: a rename replaces a document whole, so a reader sees the old
///   or the new document, never a mix.
/// - A document that does not parse is reported with its path and left untouched.
///
/// Safe to share between threads and processes.
///
///     let store = try FileStore(path: FileStore.defaultPath())
///     try store.update(Account.self, key: "alice@example.com") { $0?.failedLogins += 1 }
///
/// - Complexity: a change costs O(size of the record), whatever the number of records.
public final class FileStore: DocumentStore, @unchecked Sendable {
    // @unchecked: the only mutable state, `openTransactions`, is guarded by `registryLock`.

    /// The store directory, as given.
    public let path: String
    private let registryLock = Lock()
    private var openTransactions: Set<String> = []

    /// The store format this build reads and writes (the `VERSION` file).
    public static let formatVersion = 1
    static let lockDirectory = ".locks"
    static let tempPrefix = ".tmp."
    static let policyFile = "policy.json"
    static let versionFile = "VERSION"

    /// Opens the store at `path`, creating it with `initialPolicy` if it is missing
    /// (and `createIfMissing`), and removing temp files left by a crash.
    /// - Throws: `StoreError.io` (missing store and `createIfMissing` false, no
    ///   permission, not a directory), `StoreError.corrupt` (a directory that holds
    ///   other files and no `VERSION`, an unreadable `VERSION`) or
    ///   `StoreError.unsupportedVersion` (a store written by a newer keepsafe).
    ///
    /// `sweepingTemporaryFiles: false` leaves the crash leftovers for a later
    /// `sweepTemporaryFiles()`: the sweep reads every folder of the store, which a program
    /// showing its first screen should not wait for.
    public init(
        path: String, createIfMissing: Bool = true, initialPolicy: Policy = Policy(),
        sweepingTemporaryFiles: Bool = true
    ) throws {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        try StoreSetup(store: self).open(
            createIfMissing: createIfMissing, initialPolicy: initialPolicy, sweep: sweepingTemporaryFiles)
    }

    /// Removes the temporary files a crashed writer left (those whose document no live
    /// writer holds), as opening does by default.
    /// - Complexity: O(number of entries) in the store's folders; no document is read.
    public func sweepTemporaryFiles() throws {
        try StoreSetup(store: self).sweep()
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

    // MARK: Policy

    public func policy() throws -> Policy {
        let file = path + "/" + Self.policyFile
        guard let data = try POSIXFile.readFile(file) else { return Policy() }
        return try RecordCoder.decodePolicy(from: data, file: file)
    }

    public func writePolicy(_ policy: Policy) throws {
        var policy = policy
        policy.schemaVersion = Policy.currentSchemaVersion
        let file = path + "/" + Self.policyFile
        let data = try RecordCoder.encode(policy, file: file)
        let lock = try LockFile(path: lockPath(Self.policyFile))
        try DurableWrite.replace(file, with: data)
        _ = consume lock
    }

    // MARK: Records

    public func read<R: StoreRecord>(_ type: R.Type, key: String) throws -> R? {
        let file = try documentPath(type, key)
        guard let data = try POSIXFile.readFile(file) else { return nil }
        return try RecordCoder.decode(type, from: data, file: file)
    }

    public func create<R: StoreRecord>(_ record: R) throws {
        var record = record
        record.schemaVersion = R.currentSchemaVersion
        let file = try documentPath(R.self, record.key)
        let data = try RecordCoder.encode(record, file: file)
        try withTransaction(R.self, key: record.key) {
            guard try DurableWrite.create(file, with: data) else {
                throw StoreError.alreadyExists(collection: R.collection, key: record.key)
            }
        }
    }

    @discardableResult
    public func update<R: StoreRecord, T>(
        _ type: R.Type, key: String, _ body: (inout R?) throws -> T
    ) throws -> T {
        let file = try documentPath(type, key)
        return try withTransaction(type, key: key) {
            let before = try POSIXFile.readFile(file).map {
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
                try DurableWrite.replace(file, with: try RecordCoder.encode(record, file: file))
            } else {
                try DurableWrite.remove(file)
            }
            return result
        }
    }

    public func keys<R: StoreRecord>(of type: R.Type) throws -> [String] {
        try RecordName.validateCollection(R.collection)
        return try POSIXFile.names(in: path + "/" + R.collection).compactMap(RecordName.key(forFileName:))
            .sorted()
    }

    public func list<R: StoreRecord>(_ type: R.Type) throws -> [R] {
        var records: [R] = []
        try forEach(type) { records.append($0) }
        return records
    }

    // MARK: Audit log

    public func appendAudit(_ entry: AuditEntry) throws {
        let line = try AuditLog.encodeLine(entry)
        let file = path + "/" + AuditLog.fileName
        // One write per line under the log's lock: lines never interleave or tear.
        let lock = try LockFile(path: lockPath(AuditLog.fileName))
        let descriptor = try POSIXFile.openFile(file, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW)
        do {
            try POSIXFile.changeMode(descriptor, POSIXFile.fileMode, file)
            try POSIXFile.writeAll(descriptor, line, file)
            try POSIXFile.syncFile(descriptor, file)
        } catch {
            _ = close(descriptor)
            throw error
        }
        try POSIXFile.closeFile(descriptor, file)
        _ = consume lock
    }

    public func auditLog() throws -> [AuditEntry] {
        let file = path + "/" + AuditLog.fileName
        guard let data = try POSIXFile.readFile(file) else { return [] }
        var entries: [AuditEntry] = []
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where !line.isEmpty {
            entries.append(try AuditLog.decodeLine(Data(line), file: file, line: index + 1))
        }
        return entries
    }

    // MARK: Paths and transactions

    /// `STORE/<collection>/<file name>` after checking both.
    func documentPath<R: StoreRecord>(_ type: R.Type, _ key: String) throws -> String {
        try RecordName.validateCollection(R.collection)
        return path + "/" + R.collection + "/" + (try RecordName.fileName(forKey: key))
    }

    /// `STORE/.locks/<relative path>.lock`, the lock file of one document.
    func lockPath(_ relative: String) -> String {
        path + "/" + Self.lockDirectory + "/" + relative + ".lock"
    }

    /// Runs `body` holding the record's lock, refusing a nested transaction on the same
    /// record in the same thread (which would wait for itself forever).
    private func withTransaction<R: StoreRecord, T>(
        _ type: R.Type, key: String, _ body: () throws -> T
    ) throws -> T {
        let relative = R.collection + "/" + (try RecordName.fileName(forKey: key))
        let token = "\(Self.currentThread())|\(relative)"
        let inserted = registryLock.withLock { openTransactions.insert(token).inserted }
        guard inserted else { throw StoreError.nestedTransaction(collection: R.collection, key: key) }
        defer { _ = registryLock.withLock { openTransactions.remove(token) } }
        try POSIXFile.makeDirectories(path + "/" + R.collection)
        try POSIXFile.makeDirectories(path + "/" + Self.lockDirectory + "/" + R.collection)
        let lock = try LockFile(path: lockPath(relative))
        let result = try body()
        _ = consume lock
        return result
    }

    private static func currentThread() -> UInt {
        #if canImport(Darwin)
            return UInt(bitPattern: pthread_self())
        #else
            return UInt(pthread_self())
        #endif
    }
}

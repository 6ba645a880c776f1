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

/// Validates every document of a store: it parses, its version is supported, its key
/// matches, what it refers to exists, the policy and the audit log read back; for a
/// folder also that files and folders have the store's permissions (0600 / 0700) and
/// nothing unexpected lies among them. Reads only; changes nothing.
///
///     let problems = try StoreCheck(store: store).run()
///
/// - Complexity: O(n) in the number of documents; one document in memory at a time,
///   plus the account and company keys for the reference checks.
public struct StoreCheck {
    let store: any DocumentStore

    public init(store: any DocumentStore) {
        self.store = store
    }

    /// Every problem found, sorted by file.
    /// - Throws: `StoreError.io` only when the store directory itself cannot be read;
    ///   a database engine's error when the server cannot be read at all.
    public func run() throws -> [StoreProblem] {
        if let file = store as? FileStore { return try FileStoreCheck(store: file).run() }
        var problems: [StoreProblem] = []
        func note(_ file: String, _ reason: String) {
            problems.append(StoreProblem(file: file, reason: reason))
        }
        do {
            for reason in try store.policy().problems() { note("policy", reason) }
        } catch let error as StoreError {
            if case .unreachable = error { throw error }
            note("policy", "\(error)")
        }
        let companies = Set(try store.keys(of: Company.self))
        let accounts = Set(try store.keys(of: Account.self))
        let references = ReferenceCheck(companies: companies, accounts: accounts)
        for type in StoreLayout.recordTypes {
            try checkRecords(type, references: references, note)
        }
        do { _ = try store.auditLog() } catch let error as StoreError {
            if case .unreachable = error { throw error }
            note("audit", "\(error)")
        }
        return problems.sorted { ($0.file, $0.reason) < ($1.file, $1.reason) }
    }

    private func checkRecords<R: StoreRecord>(
        _ type: R.Type, references: ReferenceCheck, _ note: (String, String) -> Void
    ) throws {
        for key in try store.keys(of: type) {
            let relative = R.collection + "/" + key
            do {
                guard let record = try store.read(type, key: key) else { continue }
                if record.key != key {
                    note(relative, "holds the record \(record.key.debugDescription), which belongs under another key")
                }
                for reason in references.problems(record) { note(relative, reason) }
            } catch let error as StoreError {
                if case .unreachable = error { throw error }
                note(relative, "\(error)")
            }
        }
    }
}

/// The folder engine's check (see `StoreCheck`).
struct FileStoreCheck {
    let store: FileStore
    private let root: String

    init(store: FileStore) {
        self.store = store
        root = store.path
    }

    func run() throws -> [StoreProblem] {
        var problems: [StoreProblem] = []
        func note(_ file: String, _ reason: String) {
            problems.append(StoreProblem(file: file, reason: reason))
        }

        checkMode("", directory: true, note)
        checkVersionFile(note)
        checkPolicy(note)
        let companies = Set((try? store.keys(of: Company.self)) ?? [])
        let accounts = Set((try? store.keys(of: Account.self)) ?? [])
        let references = ReferenceCheck(companies: companies, accounts: accounts)
        for type in StoreLayout.recordTypes {
            checkCollection(type, references: references, note)
        }
        checkTopLevel(note)
        checkAuditLog(note)
        checkTree(StoreLayout.phoneFolder, note) { relative, data in
            if let reason = RecordCoder.jsonObjectProblem(data) { note(relative, reason) }
        }
        checkTree(FileStore.lockDirectory, note) { _, _ in }
        checkTree(FileStore.tempDirectory, note) { relative, _ in
            note(relative, "leftover temp file of an interrupted commit (removed at the next open)")
        }
        checkJournal(note)
        if let brand = try? POSIXFile.readFile(root + "/brand.json") {
            checkMode("brand.json", directory: false, note)
            if let reason = RecordCoder.jsonObjectProblem(brand) { note("brand.json", reason) }
        }
        return problems.sorted { ($0.file, $0.reason) < ($1.file, $1.reason) }
    }

    // MARK: Parts

    private func checkVersionFile(_ note: (String, String) -> Void) {
        checkMode(FileStore.versionFile, directory: false, note)
        let data: Data?
        do { data = try POSIXFile.readFile(root + "/" + FileStore.versionFile) } catch {
            return note(FileStore.versionFile, "\(error)")
        }
        guard let data else { return note(FileStore.versionFile, "missing") }
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespace
        if Int(text) != FileStore.formatVersion {
            note(
                FileStore.versionFile,
                "expected format version \(FileStore.formatVersion), found \(text.debugDescription)")
        }
    }

    private func checkPolicy(_ note: (String, String) -> Void) {
        let file = root + "/" + FileStore.policyFile
        guard (try? POSIXFile.status(file)) != nil else {
            return note(
                FileStore.policyFile, "missing: the default policy applies; write one to silence this")
        }
        checkMode(FileStore.policyFile, directory: false, note)
        do {
            let policy = try store.policy()
            for reason in policy.problems() { note(FileStore.policyFile, reason) }
            if !policy.sandbox {
                for reason in policy.weaknesses() {
                    note(FileStore.policyFile, "weakened below the floor: " + reason)
                }
            }
        } catch {
            note(FileStore.policyFile, reasonOnly(error))
        }
    }

    private func checkCollection<R: StoreRecord>(
        _ type: R.Type, references: ReferenceCheck, _ note: (String, String) -> Void
    ) {
        let folder = R.collection
        guard (try? POSIXFile.status(root + "/" + folder)) != nil else { return }
        checkMode(folder, directory: true, note)
        let names: [String]
        do { names = try POSIXFile.names(in: root + "/" + folder).sorted() } catch {
            return note(folder, reasonOnly(error))
        }
        for name in names {
            let relative = folder + "/" + name
            if StoreLayout.recordTypes.contains(where: { $0.collection.hasPrefix(relative + "/") }) {
                continue
            }
            guard let key = RecordName.key(forFileName: name) else {
                note(relative, unexpectedReason(name))
                continue
            }
            checkMode(relative, directory: false, note)
            do {
                guard let record = try store.read(type, key: key) else { continue }  // deleted meanwhile
                if record.key != key {
                    note(
                        relative,
                        "holds the record \(record.key.debugDescription), which belongs in another file")
                }
                for reason in references.problems(record) { note(relative, reason) }
            } catch {
                note(relative, reasonOnly(error))
            }
        }
    }

    /// Entries directly in the store folder that keepsafe does not know.
    private func checkTopLevel(_ note: (String, String) -> Void) {
        for name in (try? POSIXFile.names(in: root)) ?? [] where !StoreSetup.knownEntries.contains(name) {
            note(name, unexpectedReason(name))
        }
        let outbox = Set(StoreLayout.recordTypes.map { $0.collection }.filter { $0.hasPrefix("outbox/") })
        for name in (try? POSIXFile.names(in: root + "/outbox")) ?? []
        where !outbox.contains("outbox/" + name) {
            note("outbox/" + name, unexpectedReason(name))
        }
        if (try? POSIXFile.status(root + "/outbox")) != nil { checkMode("outbox", directory: true, note) }
    }

    private func checkAuditLog(_ note: (String, String) -> Void) {
        guard let data = try? POSIXFile.readFile(root + "/" + AuditLog.fileName) else { return }
        checkMode(AuditLog.fileName, directory: false, note)
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where !line.isEmpty {
            if index == lines.count - 1 {
                note(AuditLog.fileName, "line \(index + 1) is incomplete (no newline): a write was cut short")
            }
            do { _ = try AuditLog.decodeLine(Data(line), file: AuditLog.fileName, line: index + 1) } catch {
                note(AuditLog.fileName, "line \(index + 1): \(reasonOnly(error))")
            }
        }
    }

    /// The journal must be a regular 0600 file whose records are all applied (opening
    /// the store applies them; one left means a writer is committing right now).
    private func checkJournal(_ note: (String, String) -> Void) {
        checkMode(FileStore.journalFile, directory: false, note)
        if (try? store.journal.needsRecovery()) == true {
            note(FileStore.journalFile, "holds a commit not yet applied (a writer may be committing now)")
        }
    }

    /// Walks a folder of free-form files (the phone's, the locks), checking modes and
    /// handing each regular file that is not a temp file to `inspect`.
    private func checkTree(
        _ relative: String, _ note: (String, String) -> Void, inspect: (String, Data) -> Void
    ) {
        guard let info = try? POSIXFile.status(root + "/" + relative) else { return }
        guard POSIXFile.isDirectory(info) else { return note(relative, "expected a folder") }
        checkMode(relative, directory: true, note)
        for name in ((try? POSIXFile.names(in: root + "/" + relative)) ?? []).sorted() {
            let child = relative + "/" + name
            guard let childInfo = try? POSIXFile.status(root + "/" + child) else { continue }
            if POSIXFile.isDirectory(childInfo) {
                checkTree(child, note, inspect: inspect)
            } else if name.hasPrefix(FileStore.legacyTempPrefix) {
                note(child, unexpectedReason(name))
            } else {
                checkMode(child, directory: false, note)
                if let data = try? POSIXFile.readFile(root + "/" + child) { inspect(child, data) }
            }
        }
    }

    private func checkMode(_ relative: String, directory: Bool, _ note: (String, String) -> Void) {
        let path = relative.isEmpty ? root : root + "/" + relative
        guard let info = try? POSIXFile.status(path) else { return }
        let expected: mode_t = directory ? POSIXFile.directoryMode : POSIXFile.fileMode
        if directory != POSIXFile.isDirectory(info) || (!directory && !POSIXFile.isRegularFile(info)) {
            return note(relative, directory ? "expected a folder" : "expected a regular file")
        }
        let mode = info.st_mode & 0o7777
        if mode != expected {
            note(
                relative,
                "permissions are \(String(mode, radix: 8)), expected \(String(expected, radix: 8)) (chmod \(String(expected, radix: 8)))"
            )
        }
    }

    private func unexpectedReason(_ name: String) -> String {
        name.hasPrefix(FileStore.legacyTempPrefix)
            ? "leftover temp file of an interrupted write (removed at the next open unless a writer holds it)"
            : "unexpected file: not a document keepsafe writes"
    }

    /// The reason part of a store error (the problem already names the file).
    private func reasonOnly(_ error: Error) -> String {
        switch error {
        case StoreError.corrupt(_, let reason): return reason
        case StoreError.unsupportedVersion(_, let found, let supported):
            return "schema version \(found) is newer than this keepsafe supports (\(supported))"
        default: return "\(error)"
        }
    }
}

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

/// Opening a store directory: creating it when missing, checking its format version,
/// and cleaning temp files a crash left behind.
struct StoreSetup {
    /// The store directory.
    let root: String

    /// Entries a keepsafe store directory may hold; a directory without `VERSION` that
    /// holds anything else is refused rather than adopted.
    static let knownEntries: Set<String> = [
        FileStore.policyFile, "brand.json", FileStore.versionFile, AuditLog.fileName,
        FileStore.lockDirectory, FileStore.tempDirectory, FileStore.journalFile, "accounts", "companies",
        "invites", "outbox", "push", "phone",
    ]

    func open(createIfMissing: Bool, initialPolicy: Policy) throws {
        if let info = try POSIXFile.status(root) {
            guard POSIXFile.isDirectory(info) else {
                throw StoreError.io(path: root, operation: "open store", errno: ENOTDIR)
            }
        } else {
            guard createIfMissing else { throw StoreError.noStore(path: root) }
            try POSIXFile.makeDirectories(root)
        }
        let versionPath = root + "/" + FileStore.versionFile
        switch try readVersion(versionPath) {
        case nil:
            guard createIfMissing else { throw StoreError.noStore(path: root) }
            let strangers = try POSIXFile.names(in: root).filter {
                !Self.knownEntries.contains($0) && !$0.hasPrefix(FileStore.legacyTempPrefix)
            }
            guard strangers.isEmpty else {
                throw StoreError.corrupt(
                    file: versionPath,
                    reason:
                        "missing, and the directory holds other files (\(strangers.sorted().prefix(3).joined(separator: ", "))): not a keepsafe store"
                )
            }
            try makeFolders()
            let lock = try LockFile(path: lockPath)
            // Another process may have initialised the store while this one waited.
            if try readVersion(versionPath) == nil {
                try initialise(initialPolicy: initialPolicy, versionPath: versionPath)
            }
            _ = consume lock
        case 1:
            try makeFolders()
            let lock = try LockFile(path: lockPath)
            if try readVersion(versionPath) == 1 { try upgradeFromFormat1(versionPath: versionPath) }
            _ = consume lock
        default:
            try makeFolders()
        }
    }

    private var lockPath: String { root + "/" + FileStore.lockDirectory + "/" + FileStore.storeLock }

    private func makeFolders() throws {
        try POSIXFile.makeDirectories(root + "/" + FileStore.lockDirectory)
        try POSIXFile.makeDirectories(root + "/" + FileStore.tempDirectory)
    }

    /// The format version in `VERSION`, or `nil` if the file does not exist.
    private func readVersion(_ path: String) throws -> Int? {
        guard let data = try POSIXFile.readFile(path, limit: 64) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingWhitespace
        guard let version = Int(text), version > 0 else {
            throw StoreError.corrupt(
                file: path, reason: "expected a format version number, found \(text.debugDescription)")
        }
        if version > FileStore.formatVersion {
            throw StoreError.unsupportedVersion(
                file: path, found: version, supported: FileStore.formatVersion)
        }
        return version
    }

    /// Writes the policy (unless one is there), the journal, and then `VERSION`, which
    /// marks the store complete: a crash before it leaves a store that the next open
    /// finishes.
    private func initialise(initialPolicy: Policy, versionPath: String) throws {
        // A folder made beforehand (mkdir under the umask) is tightened when adopted.
        try FaultInjection.check(.chmod, root)
        if chmod(root, POSIXFile.directoryMode) != 0 {
            throw StoreError.io(path: root, operation: "chmod", errno: errno)
        }
        try removeLegacyTemps(in: "")  // a crash during an earlier attempt
        let policyPath = root + "/" + FileStore.policyFile
        if try POSIXFile.status(policyPath) == nil {
            var policy = initialPolicy
            policy.schemaVersion = Policy.currentSchemaVersion
            _ = try DurableWrite.create(policyPath, with: try RecordCoder.encode(policy, file: policyPath))
        }
        _ = try FileJournal(root: root)
        _ = try DurableWrite.create(versionPath, with: Data("\(FileStore.formatVersion)\n".utf8))
    }

    /// Format 1 changed each document alone under per-record locks and left `.tmp.*`
    /// files beside documents after a crash; format 2 commits through the journal.
    /// Removes the old temp files, makes the journal, then says format 2.
    private func upgradeFromFormat1(versionPath: String) throws {
        try removeLegacyTemps(in: "")
        _ = try FileJournal(root: root)
        try DurableWrite.replace(versionPath, with: Data("\(FileStore.formatVersion)\n".utf8))
    }

    /// Removes format 1's `.tmp.*` files below `relative` (`""` for the root).
    /// - Complexity: O(number of entries) in the store's folders; no document is read.
    private func removeLegacyTemps(in relative: String) throws {
        let directory = relative.isEmpty ? root : root + "/" + relative
        for (name, isDirectory) in try POSIXFile.entries(in: directory) {
            if name.hasPrefix(FileStore.legacyTempPrefix) {
                try POSIXFile.removeFile(directory + "/" + name)
            } else if isDirectory, !name.hasPrefix(".") {
                try removeLegacyTemps(in: relative.isEmpty ? name : relative + "/" + name)
            }
        }
    }
}

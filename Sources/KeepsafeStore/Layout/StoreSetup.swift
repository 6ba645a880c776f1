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
    let store: FileStore

    /// Entries a keepsafe store directory may hold; a directory without `VERSION` that
    /// holds anything else is refused rather than adopted.
    static let knownEntries: Set<String> = [
        FileStore.policyFile, "brand.json", FileStore.versionFile, AuditLog.fileName,
        FileStore.lockDirectory, "accounts", "companies", "invites", "outbox", "push", "phone",
    ]

    func open(createIfMissing: Bool, initialPolicy: Policy, sweep sweeping: Bool = true) throws {
        let root = store.path
        if let info = try POSIXFile.status(root) {
            guard POSIXFile.isDirectory(info) else {
                throw StoreError.io(path: root, operation: "open store", errno: ENOTDIR)
            }
        } else {
            guard createIfMissing else {
                throw StoreError.io(path: root, operation: "open store", errno: ENOENT)
            }
            try POSIXFile.makeDirectories(root)
        }
        let versionPath = root + "/" + FileStore.versionFile
        if try readVersion(versionPath) == nil {
            let strangers = try POSIXFile.names(in: root).filter {
                !Self.knownEntries.contains($0) && !$0.hasPrefix(FileStore.tempPrefix)
            }
            guard strangers.isEmpty else {
                throw StoreError.corrupt(
                    file: versionPath,
                    reason:
                        "missing, and the directory holds other files (\(strangers.sorted().prefix(3).joined(separator: ", "))): not a keepsafe store"
                )
            }
            try POSIXFile.makeDirectories(root + "/" + FileStore.lockDirectory)
            let lock = try LockFile(path: store.lockPath(FileStore.versionFile))
            // Another process may have initialised the store while this one waited.
            if try readVersion(versionPath) == nil {
                try initialise(initialPolicy: initialPolicy, versionPath: versionPath)
            }
            _ = consume lock
        }
        try POSIXFile.makeDirectories(root + "/" + FileStore.lockDirectory)
        if sweeping { try sweep() }
    }

    /// Removes the temporary files left by crashed writers, everywhere in the store.
    func sweep() throws {
        try removeStaleTemps(in: "")
    }

    /// The format version in `VERSION`, or `nil` if the file does not exist.
    private func readVersion(_ path: String) throws -> Int? {
        guard let data = try POSIXFile.readFile(path) else { return nil }
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

    /// Writes the policy (unless one is there) and then `VERSION`, which marks the store
    /// complete: a crash before it leaves a store that the next open finishes.
    private func initialise(initialPolicy: Policy, versionPath: String) throws {
        // A folder made beforehand (mkdir under the umask) is tightened when adopted.
        if chmod(store.path, POSIXFile.directoryMode) != 0 {
            throw StoreError.io(path: store.path, operation: "chmod", errno: errno)
        }
        let policyPath = store.path + "/" + FileStore.policyFile
        if try POSIXFile.status(policyPath) == nil {
            var policy = initialPolicy
            policy.schemaVersion = Policy.currentSchemaVersion
            let policyLock = try LockFile(path: store.lockPath(FileStore.policyFile))
            _ = try DurableWrite.create(policyPath, with: try RecordCoder.encode(policy, file: policyPath))
            _ = consume policyLock
        }
        _ = try DurableWrite.create(versionPath, with: Data("\(FileStore.formatVersion)\n".utf8))
    }

    /// Removes `.tmp.*` files below `relative` (a folder of the store, `""` for the
    /// root) whose document is not locked: a locked one may be a live writer's.
    /// - Complexity: O(number of entries) in the store's folders; no document is read.
    private func removeStaleTemps(in relative: String) throws {
        let directory = relative.isEmpty ? store.path : store.path + "/" + relative
        for (name, isDirectory) in try POSIXFile.entries(in: directory) {
            let child = relative.isEmpty ? name : relative + "/" + name
            if name.hasPrefix(FileStore.tempPrefix) {
                guard let document = DurableWrite.documentName(ofTemp: name) else { continue }
                let lockRelative = relative.isEmpty ? document : relative + "/" + document
                try POSIXFile.makeDirectories(
                    Path.parent(store.lockPath(lockRelative)))
                if let lock = try LockFile.tryLock(path: store.lockPath(lockRelative)) {
                    try POSIXFile.removeFile(directory + "/" + name)
                    _ = consume lock
                }
            } else if isDirectory, name != FileStore.lockDirectory, !name.hasPrefix(".") {
                try removeStaleTemps(in: child)
            }
        }
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// For crash-point tests (debug builds only): with `KEEPSAFE_FAULT_TRACE=DIR`, every
/// commit first writes the store's state before it (`DIR/before.json`) and the state it
/// commits (`DIR/after.json`), each a JSON object of relative path → base64 bytes of
/// every document, `policy.json` and `audit.log`. A test that ends the process at a crash
/// point checks that the recovered store equals one of the two. Written with
/// Foundation, outside the fault seam, so it adds no mutation point.
enum CommitTrace {
    #if DEBUG
        private static let directory: String? = {
            let value = ProcessInfo.processInfo.environment["KEEPSAFE_FAULT_TRACE"]
            return value?.isEmpty == false ? value : nil
        }()
    #endif

    static func record(root: String, _ changes: StagedChanges) {
        #if DEBUG
            guard let directory else { return }
            let before = state(of: root)
            var after = before
            for (path, data) in changes.documents { after[path.relative] = data }
            if let policy = changes.policy { after[FileStore.policyFile] = policy }
            if !changes.audit.isEmpty {
                after[AuditLog.fileName] =
                    (before[AuditLog.fileName] ?? Data()) + Data(changes.audit.joined())
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            try? encoder.encode(before).write(to: URL(fileURLWithPath: directory + "/before.json"))
            try? encoder.encode(after).write(to: URL(fileURLWithPath: directory + "/after.json"))
        #endif
    }

    /// Every document (`collection/<name>.json` below the root, the phone's included),
    /// `policy.json` and `audit.log`: what a store holds, without its machinery.
    static func state(of root: String) -> [String: Data] {
        var state: [String: Data] = [:]
        let skipped: Set<String> = [
            FileStore.lockDirectory, FileStore.tempDirectory, FileStore.journalFile, FileStore.versionFile,
        ]
        func walk(_ relative: String) {
            let folder = relative.isEmpty ? root : root + "/" + relative
            for (name, isDirectory) in (try? POSIXFile.entries(in: folder)) ?? [] {
                if relative.isEmpty, skipped.contains(name) { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                if isDirectory {
                    walk(child)
                } else if let data = try? POSIXFile.readFile(root + "/" + child, limit: Int.max) {
                    state[child] = data
                }
            }
        }
        walk("")
        return state
    }
}

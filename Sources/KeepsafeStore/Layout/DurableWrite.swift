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

/// Atomic, durable changes of one document. The caller holds the document's lock.
enum DurableWrite {
    /// Replaces (or creates) `path` with `data`: temp file, write, fsync, rename, fsync
    /// the directory. A crash at any point leaves the old or the new document.
    /// - Throws: `StoreError.io` for the first call that fails; the temp file is removed.
    static func replace(_ path: String, with data: Data) throws {
        let temp = try writeTemp(for: path, data)
        do {
            try POSIXFile.renameFile(temp, path)
        } catch {
            _ = try? POSIXFile.removeFile(temp)
            throw error
        }
        try POSIXFile.fsyncDirectory(directory(of: path))
    }

    /// Creates `path` with `data` only if it does not exist: the finished, synced temp
    /// file is hard-linked to the name, which fails with `EEXIST` as `O_EXCL` does but
    /// never shows a half-written document. Returns `false` if `path` existed.
    /// - Throws: `StoreError.io`; the temp file is removed.
    static func create(_ path: String, with data: Data) throws -> Bool {
        let temp = try writeTemp(for: path, data)
        let created: Bool
        do {
            created = try POSIXFile.linkExclusive(temp, path)
        } catch {
            _ = try? POSIXFile.removeFile(temp)
            throw error
        }
        try POSIXFile.removeFile(temp)
        try POSIXFile.fsyncDirectory(directory(of: path))
        return created
    }

    /// Removes `path` durably; no error if it is already gone.
    static func remove(_ path: String) throws {
        if try POSIXFile.removeFile(path) {
            try POSIXFile.fsyncDirectory(directory(of: path))
        }
    }

    /// The temp file name for `path`: `.tmp.<file name>.<random>` in the same directory,
    /// so a later open can tell which document's lock to take before cleaning it.
    static func tempPath(for path: String) -> String {
        directory(of: path) + "/" + FileStore.legacyTempPrefix + Path.lastComponent(path) + "."
            + POSIXFile.randomSuffix()
    }

    /// The document name a temp file belongs to, or `nil` if `name` is not a temp file.
    static func documentName(ofTemp name: String) -> String? {
        guard name.hasPrefix(FileStore.legacyTempPrefix), let dot = name.lastIndex(of: ".") else {
            return nil
        }
        let start = name.index(name.startIndex, offsetBy: FileStore.legacyTempPrefix.count)
        guard start < dot else { return nil }
        return String(name[start..<dot])
    }

    private static func writeTemp(for path: String, _ data: Data) throws -> String {
        let temp = tempPath(for: path)
        let descriptor = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
        do {
            // The umask may have cleared bits of 0600 but never adds any; make it exact.
            try POSIXFile.changeMode(descriptor, POSIXFile.fileMode, temp)
            try POSIXFile.writeAll(descriptor, data, temp)
            try POSIXFile.syncFile(descriptor, temp)
        } catch {
            _ = close(descriptor)
            _ = try? POSIXFile.removeFile(temp)
            throw error
        }
        do {
            try POSIXFile.closeFile(descriptor, temp)
        } catch {
            _ = try? POSIXFile.removeFile(temp)
            throw error
        }
        return temp
    }

    private static func directory(of path: String) -> String {
        let parent = Path.parent(path)
        return parent.isEmpty ? "." : parent
    }
}

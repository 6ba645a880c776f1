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

/// Thin, checked wrappers over the POSIX calls the file store makes. Every failure
/// becomes `StoreError.io` naming the path, the operation and `errno`.
enum POSIXFile {
    /// Mode of every directory the store makes.
    static let directoryMode: mode_t = 0o700
    /// Mode of every file the store makes.
    static let fileMode: mode_t = 0o600

    /// `open(2)`, retried on `EINTR`; always close-on-exec.
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = fileMode) throws -> Int32 {
        while true {
            let descriptor = open(path, flags | O_CLOEXEC, mode)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw StoreError.io(path: path, operation: "open", errno: errno) }
        }
    }

    /// Opens an existing file for reading, or returns `nil` if there is none.
    static func openIfExists(_ path: String) throws -> Int32? {
        do {
            return try openFile(path, O_RDONLY | O_NOFOLLOW)
        } catch StoreError.io(_, _, let code) where code == ENOENT {
            return nil
        }
    }

    /// `close(2)`; on Linux a failed close must not be retried, only reported.
    static func closeFile(_ descriptor: Int32, _ path: String) throws {
        if close(descriptor) != 0, errno != EINTR {
            throw StoreError.io(path: path, operation: "close", errno: errno)
        }
    }

    /// Writes all of `data`, looping over partial writes and `EINTR`.
    static func writeAll(_ descriptor: Int32, _ data: Data, _ path: String) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io(path: path, operation: "write", errno: errno)
                }
                offset += written
            }
        }
    }

    /// Reads the file behind `descriptor` to its end.
    static func readAll(_ descriptor: Int32, _ path: String) throws -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(path: path, operation: "read", errno: errno)
            }
            if count == 0 { return data }
            data.append(contentsOf: chunk[0..<count])
        }
    }

    /// The whole content of `path`, or `nil` if it does not exist.
    static func readFile(_ path: String) throws -> Data? {
        guard let descriptor = try openIfExists(path) else { return nil }
        defer { _ = close(descriptor) }
        return try readAll(descriptor, path)
    }

    static func syncFile(_ descriptor: Int32, _ path: String) throws {
        while fsync(descriptor) != 0 {
            if errno != EINTR { throw StoreError.io(path: path, operation: "fsync", errno: errno) }
        }
    }

    /// Flushes a directory's entries (a rename, link or unlink in it) to disk.
    static func fsyncDirectory(_ path: String) throws {
        let descriptor = try openFile(path, O_RDONLY | O_DIRECTORY)
        defer { _ = close(descriptor) }
        try syncFile(descriptor, path)
    }

    static func changeMode(_ descriptor: Int32, _ mode: mode_t, _ path: String) throws {
        if fchmod(descriptor, mode) != 0 {
            throw StoreError.io(path: path, operation: "chmod", errno: errno)
        }
    }

    static func renameFile(_ from: String, _ to: String) throws {
        if rename(from, to) != 0 {
            throw StoreError.io(path: to, operation: "rename", errno: errno)
        }
    }

    /// `unlink(2)`; returns `false` when the file was already gone.
    @discardableResult
    static func removeFile(_ path: String) throws -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw StoreError.io(path: path, operation: "unlink", errno: errno)
    }

    /// `link(2)`; returns `false` (and links nothing) when `to` already exists.
    static func linkExclusive(_ from: String, _ to: String) throws -> Bool {
        if link(from, to) == 0 { return true }
        if errno == EEXIST { return false }
        throw StoreError.io(path: to, operation: "link", errno: errno)
    }

    /// `stat(2)` without following a final symbolic link, or `nil` if nothing is there.
    static func status(_ path: String) throws -> stat? {
        var info = stat()
        if lstat(path, &info) == 0 { return info }
        if errno == ENOENT { return nil }
        throw StoreError.io(path: path, operation: "stat", errno: errno)
    }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }

    /// Makes `path` and any missing parents with mode 0700 whatever the umask, syncing
    /// each parent that gained an entry. Returns whether `path` itself was made.
    @discardableResult
    static func makeDirectories(_ path: String) throws -> Bool {
        if let info = try status(path) {
            guard isDirectory(info) else {
                throw StoreError.io(path: path, operation: "mkdir", errno: ENOTDIR)
            }
            return false
        }
        let parent = Path.parent(path)
        if !parent.isEmpty, parent != path { try makeDirectories(parent) }
        if mkdir(path, directoryMode) != 0 {
            if errno == EEXIST { return false }  // made meanwhile by another process
            throw StoreError.io(path: path, operation: "mkdir", errno: errno)
        }
        if chmod(path, directoryMode) != 0 {
            throw StoreError.io(path: path, operation: "chmod", errno: errno)
        }
        try fsyncDirectory(parent.isEmpty ? "." : parent)
        return true
    }

    /// The names in a directory (without `.` and `..`), or `[]` if it does not exist.
    /// - Complexity: O(n) in the directory's size; names only, no file is opened.
    static func names(in path: String) throws -> [String] {
        try entries(in: path).map(\.name)
    }

    /// The entries of a directory with whether each is a folder (from `d_type`, or
    /// `lstat` where the file system does not say), or `[]` if it does not exist.
    /// - Complexity: O(n) in the directory's size; no file is opened.
    static func entries(in path: String) throws -> [(name: String, isDirectory: Bool)] {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return [] }
            throw StoreError.io(path: path, operation: "opendir", errno: errno)
        }
        defer { closedir(directory) }
        var entries: [(name: String, isDirectory: Bool)] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw StoreError.io(path: path, operation: "readdir", errno: errno) }
                return entries
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard name != ".", name != ".." else { continue }
            let type = entry.pointee.d_type
            let isDirectory: Bool
            if type == UInt8(DT_UNKNOWN) {
                isDirectory = (try status(path + "/" + name)).map(Self.isDirectory) ?? false
            } else {
                isDirectory = type == UInt8(DT_DIR)
            }
            entries.append((name, isDirectory))
        }
    }

    /// A random hex string from the system CSPRNG, for temp file names.
    static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 16)
    }
}

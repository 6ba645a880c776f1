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
        if flags & O_CREAT != 0 { try FaultInjection.check(.create, path) }
        while true {
            let descriptor = open(path, flags | O_CLOEXEC, mode)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { throw StoreError.io(path: path, operation: "open", errno: errno) }
        }
    }

    /// Opens an existing regular file for reading, or returns `nil` if there is none.
    /// A FIFO, device, socket or folder is refused before anything is read from it
    /// (`O_NONBLOCK` keeps the open itself from waiting on a FIFO), and so is a link.
    /// - Throws: `StoreError.notRegularFile`, `.io` (`ELOOP` for a symbolic link).
    static func openIfExists(_ path: String) throws -> Int32? {
        let descriptor: Int32
        do {
            descriptor = try openFile(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
        } catch StoreError.io(_, _, let code) where code == ENOENT {
            return nil
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            _ = close(descriptor)
            throw StoreError.io(path: path, operation: "stat", errno: code)
        }
        guard isRegularFile(info) else {
            _ = close(descriptor)
            throw StoreError.notRegularFile(path: path)
        }
        return descriptor
    }

    /// `close(2)`; on Linux a failed close must not be retried, only reported.
    static func closeFile(_ descriptor: Int32, _ path: String) throws {
        if close(descriptor) != 0, errno != EINTR {
            throw StoreError.io(path: path, operation: "close", errno: errno)
        }
    }

    /// Writes all of `data`, looping over partial writes and `EINTR`.
    static func writeAll(_ descriptor: Int32, _ data: Data, _ path: String) throws {
        try FaultInjection.check(.write, path)
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

    /// Writes all of `data` at `offset` (`pwrite(2)`), looping over partial writes.
    static func writeAll(_ descriptor: Int32, _ data: Data, at offset: UInt64, _ path: String) throws {
        try FaultInjection.check(.write, path)
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var done = 0
            while done < buffer.count {
                let written = pwrite(
                    descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
                if written < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io(path: path, operation: "write", errno: errno)
                }
                done += written
            }
        }
    }

    /// Reads `count` bytes at `offset`, fewer at the end of the file.
    static func readBytes(_ descriptor: Int32, count: Int, at offset: UInt64, _ path: String) throws -> Data {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw StoreError.io(path: path, operation: "read", errno: errno)
            }
            if got == 0 { break }
            done += got
        }
        return Data(buffer[0..<done])
    }

    /// The size of the file behind `descriptor`.
    static func size(_ descriptor: Int32, _ path: String) throws -> UInt64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw StoreError.io(path: path, operation: "stat", errno: errno)
        }
        return UInt64(info.st_size)
    }

    /// `ftruncate(2)`.
    static func truncate(_ descriptor: Int32, to length: UInt64, _ path: String) throws {
        try FaultInjection.check(.truncate, path)
        while ftruncate(descriptor, off_t(length)) != 0 {
            if errno != EINTR { throw StoreError.io(path: path, operation: "truncate", errno: errno) }
        }
    }

    /// `fdatasync(2)`: the data and the size, not the other metadata.
    static func syncData(_ descriptor: Int32, _ path: String) throws {
        try FaultInjection.check(.sync, path)
        while fdatasync(descriptor) != 0 {
            if errno != EINTR { throw StoreError.io(path: path, operation: "fdatasync", errno: errno) }
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

    /// The whole content of the regular file `path`, or `nil` if it does not exist.
    /// - Throws: `StoreError.tooLarge` past `limit` bytes, `.notRegularFile`, `.io`.
    static func readFile(_ path: String, limit: Int = StoreTransaction.maximumDocumentBytes) throws -> Data? {
        guard let descriptor = try openIfExists(path) else { return nil }
        defer { _ = close(descriptor) }
        let size = try size(descriptor, path)
        guard size <= UInt64(limit) else {
            throw StoreError.tooLarge(file: path, bytes: Int(clamping: size), limit: limit)
        }
        let data = try readAll(descriptor, path)
        // The file may have grown since the stat.
        guard data.count <= limit else {
            throw StoreError.tooLarge(file: path, bytes: data.count, limit: limit)
        }
        return data
    }

    static func syncFile(_ descriptor: Int32, _ path: String) throws {
        try FaultInjection.check(.sync, path)
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
        try FaultInjection.check(.chmod, path)
        if fchmod(descriptor, mode) != 0 {
            throw StoreError.io(path: path, operation: "chmod", errno: errno)
        }
    }

    static func renameFile(_ from: String, _ to: String) throws {
        try FaultInjection.check(.rename, to)
        if rename(from, to) != 0 {
            throw StoreError.io(path: to, operation: "rename", errno: errno)
        }
    }

    /// `unlink(2)`; returns `false` when the file was already gone.
    @discardableResult
    static func removeFile(_ path: String) throws -> Bool {
        try FaultInjection.check(.unlink, path)
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw StoreError.io(path: path, operation: "unlink", errno: errno)
    }

    /// `link(2)`; returns `false` (and links nothing) when `to` already exists.
    static func linkExclusive(_ from: String, _ to: String) throws -> Bool {
        try FaultInjection.check(.link, to)
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
        if !parent.isEmpty, parent != path, parent != "/" { try makeDirectories(parent) }
        try FaultInjection.check(.mkdir, path)
        if mkdir(path, directoryMode) != 0 {
            if errno == EEXIST { return false }  // made meanwhile by another process
            throw StoreError.io(path: path, operation: "mkdir", errno: errno)
        }
        try FaultInjection.check(.chmod, path)
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

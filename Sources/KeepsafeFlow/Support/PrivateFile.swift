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

/// Files keepsafe writes for the user that may hold something private (recordings):
/// always a new file of mode 0600, whatever the umask, created with `O_EXCL` and
/// `O_NOFOLLOW` semantics. An existing regular file is removed and made again (so an
/// old 0644 file ends 0600); a symbolic link, or anything else that is not a regular
/// file, is refused and left alone, never followed.
public enum PrivateFile {
    /// Why the file could not be made; one line naming the path.
    public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
        case symbolicLink(path: String)
        case notARegularFile(path: String)
        case system(path: String, operation: String, errno: Int32)

        public var description: String {
            switch self {
            case .symbolicLink(let path):
                return
                    "\(path) is a symbolic link; it is not followed or replaced (remove it or pick another name)"
            case .notARegularFile(let path): return "\(path) exists and is not a regular file"
            case .system(let path, let operation, let code):
                return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
            }
        }
    }

    /// Creates `path` afresh and returns its descriptor, open for writing (the caller
    /// closes it).
    /// - Throws: `Failure`.
    public static func create(_ path: String) throws -> Int32 {
        for _ in 0..<4 {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                guard fchmod(descriptor, 0o600) == 0 else {
                    let code = errno
                    close(descriptor)
                    throw Failure.system(path: path, operation: "chmod", errno: code)
                }
                return descriptor
            }
            let code = errno
            guard code == EEXIST else { throw Failure.system(path: path, operation: "create", errno: code) }
            var info = stat()
            guard lstat(path, &info) == 0 else {
                if errno == ENOENT { continue }  // removed meanwhile: try again
                throw Failure.system(path: path, operation: "lstat", errno: errno)
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK: throw Failure.symbolicLink(path: path)
            case S_IFREG: break
            default: throw Failure.notARegularFile(path: path)
            }
            // Replaced, not rewritten: the new file is made with O_EXCL, so a link put in
            // its place meanwhile makes the next open fail instead of being followed.
            guard unlink(path) == 0 || errno == ENOENT else {
                throw Failure.system(path: path, operation: "replace", errno: errno)
            }
        }
        throw Failure.system(path: path, operation: "create", errno: EEXIST)
    }

    /// Writes `data` to a fresh private file at `path` and flushes it to disk.
    /// - Throws: `Failure`.
    public static func write(_ data: Data, to path: String) throws {
        let descriptor = try create(path)
        defer { close(descriptor) }
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { bytes in
                Glibc.write(descriptor, bytes.baseAddress! + offset, data.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure.system(path: path, operation: "write", errno: errno)
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw Failure.system(path: path, operation: "fsync", errno: errno)
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or folder that could not be written, with the C library's reason: one line a
/// person can act on ("cannot write /x/device.json: permission denied").
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var code: Int32

    public init(path: String, code: Int32) {
        self.path = path
        self.code = code
    }

    public var description: String { "cannot write \(path): \(systemErrorText(code))" }
}

/// Small, whole-file writes for reports, recordings, snapshots and the device file.
public enum FileWriting {
    /// Creates `path` and the folders above it that are missing, with `mode`.
    /// - Throws: `FileWriteError` naming the first folder that could not be made.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) != 0 {
                let code = errno
                guard code == EEXIST else { throw FileWriteError(path: displayed(current, path), code: code) }
                var status = stat()
                guard stat(current, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
                    throw FileWriteError(path: displayed(current, path), code: ENOTDIR)
                }
            }
        }
    }

    /// Replaces the file at `path` with `text` atomically (a temporary file beside it,
    /// then a rename), with `mode`.
    /// - Throws: `FileWriteError` naming `path`.
    public static func write(_ text: String, to path: String, mode: mode_t = 0o644) throws {
        try write(Array(text.utf8), to: path, mode: mode)
    }

    /// Replaces the file at `path` with `bytes` atomically, with `mode`.
    /// - Throws: `FileWriteError` naming `path`.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw FileWriteError(path: path, code: errno) }
        var failure: Int32?
        var offset = 0
        while offset < bytes.count, failure == nil {
            let written = bytes.withUnsafeBytes { raw in
                systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0, errno != EINTR { failure = errno } else if written > 0 { offset += written }
        }
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = errno }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = errno }
        if let failure {
            unlink(temporary)
            throw FileWriteError(path: path, code: failure)
        }
    }

    /// The folder that failed, or the whole path when the user named a relative one.
    private static func displayed(_ current: String, _ path: String) -> String {
        current.hasPrefix("./") ? String(current.dropFirst(2)) : current
    }
}

/// `write(2)` under one name on every C library.
func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
    #elseif canImport(Musl)
        Musl.write(descriptor, buffer, count)
    #else
        Darwin.write(descriptor, buffer, count)
    #endif
}

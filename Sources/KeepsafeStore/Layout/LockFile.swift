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

/// A `flock(2)` (exclusive, or shared among readers) on a lock file that is never
/// renamed or deleted, so every process that locks the same path locks the same inode.
///
/// `flock` locks belong to the open file description, so two threads of one process
/// (each opening the file) exclude each other as two processes do. Closing the file
/// (or the process dying) releases the lock.
struct LockFile: ~Copyable {
    private let descriptor: Int32

    /// Opens (creating, mode 0600) and locks `path`, waiting as long as it takes.
    /// - Throws: `StoreError.io` if the file cannot be opened or locked.
    init(path: String, shared: Bool = false) throws {
        let descriptor = try Self.open(path)
        while flock(descriptor, shared ? LOCK_SH : LOCK_EX) != 0 {
            if errno != EINTR {
                let code = errno
                _ = close(descriptor)
                throw StoreError.io(path: path, operation: "flock", errno: code)
            }
        }
        self.init(descriptor: descriptor)
    }

    /// Opens and locks `path` only if no one holds it; `nil` when it is busy.
    static func tryLock(path: String) throws -> LockFile? {
        let descriptor = try open(path)
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            return LockFile(descriptor: descriptor)
        }
        let code = errno
        _ = close(descriptor)
        if code == EWOULDBLOCK || code == EINTR { return nil }
        throw StoreError.io(path: path, operation: "flock", errno: code)
    }

    /// Opens the lock file, creating it only if it is missing: an existing one is opened
    /// without `O_CREAT`, so locking needs no space and is no mutation of the store.
    private static func open(_ path: String) throws -> Int32 {
        do {
            return try POSIXFile.openFile(path, O_RDWR | O_NOFOLLOW)
        } catch StoreError.io(_, _, let code) where code == ENOENT {
            return try POSIXFile.openFile(path, O_RDWR | O_CREAT | O_NOFOLLOW)
        }
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        // Closing releases the lock; nothing was written through this descriptor.
        _ = close(descriptor)
    }
}

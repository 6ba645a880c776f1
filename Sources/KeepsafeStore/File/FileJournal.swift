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

/// The file engine's commit: a redo journal (`STORE/journal`), as a database's
/// write-ahead log.
///
/// A commit writes every new document to a temp file in `STORE/.tmp` (so a full disk
/// shows up before anything is decided), then writes one `JournalRecord` holding the
/// whole transaction into the journal and `fdatasync`s it: that is the commit point. Only
/// then are the temp files renamed over their documents, removals made and audit lines
/// written, without further syncs, and the header's `applied` offset moved past the
/// record. A crash before the commit point leaves the store as before (temp files are
/// garbage); a crash after it is finished by the next process that takes the store's
/// lock, which replays the records from `applied` on before anything reads.
///
/// The journal is preallocated (`capacity` bytes of zeros), so a commit overwrites
/// blocks the file already has and its `fdatasync` flushes data, not the file's size.
/// Applied documents are not synced one by one: the journal keeps every record since the
/// last checkpoint, and a checkpoint (when the journal is full, and when a store is
/// opened idle) syncs what they touched, zeroes the records (no stale copy of a document,
/// a TOTP secret say, outlives it) and starts a new generation. Records carry their
/// generation, so old bytes past the end are never mistaken for new records. The header
/// carries the boot id it was written under: after a reboot the page cache that held the
/// unsynced documents is gone, so every record since the checkpoint is replayed.
/// Replaying is idempotent: documents are written whole, and audit lines are written at
/// the offset the record saved.
///
/// Header (64 bytes, little-endian): `"KSJRNL01"`, boot id (16 bytes), applied offset
/// (u64), generation (u32), zeros. Every method must be called with the store's
/// exclusive lock held, except `needsRecovery`, which a reader calls under the shared
/// lock.
final class FileJournal {
    static let magic = Array("KSJRNL01".utf8)
    static let headerBytes: UInt64 = 64
    /// The journal's preallocated size; a checkpoint makes room when it is full.
    static let capacity: UInt64 = 1 << 20

    let root: String
    let path: String
    private let descriptor: Int32

    /// Opens the journal of the store at `root`, creating it if the store has none.
    init(root: String) throws {
        self.root = root
        self.path = root + "/" + FileStore.journalFile
        if try POSIXFile.status(path) == nil {
            // Made whole beside its name and linked in, so a crash never leaves a
            // journal without its header (and of two processes, one makes it).
            _ = try DurableWrite.create(path, with: Self.fresh())
        }
        let descriptor = try POSIXFile.openFile(path, O_RDWR | O_NOFOLLOW | O_NONBLOCK)
        self.descriptor = descriptor
        var info = stat()
        guard fstat(descriptor, &info) == 0, POSIXFile.isRegularFile(info) else {
            _ = close(descriptor)
            throw StoreError.notRegularFile(path: path)
        }
    }

    deinit {
        _ = close(descriptor)
    }

    /// The bytes of an empty journal: a header of generation 1, then zeros to `capacity`.
    private static func fresh() -> Data {
        var bytes = Header(bootID: BootID.current, applied: headerBytes, generation: 1).encoded
        bytes.append(Data(count: Int(capacity) - bytes.count))
        return bytes
    }

    /// Rewrites the journal as a fresh one, durably.
    private func create() throws {
        try POSIXFile.writeAll(descriptor, Self.fresh(), at: 0, path)
        try POSIXFile.syncData(descriptor, path)
    }

    // MARK: Recovery

    /// Whether a crashed writer left a record that is committed but not applied (or a
    /// reboot left records whose documents may not have reached the disk).
    func needsRecovery() throws -> Bool {
        guard let header = try readHeader() else { return true }
        if header.applied > Self.headerBytes, BootID.differs(header.bootID) { return true }
        let next = try POSIXFile.readBytes(
            descriptor, count: JournalRecord.headerBytes, at: header.applied, path)
        return JournalRecord.looksLikeRecord(next, generation: header.generation)
    }

    /// Finishes what a crash left: replays the committed records not yet applied (all of
    /// them since the checkpoint after a reboot), then checkpoints after a reboot.
    func recoverIfNeeded() throws {
        guard try needsRecovery() else { return }
        guard var header = try readHeader() else {
            let size = try POSIXFile.size(descriptor, path)
            guard size < Self.headerBytes else {
                throw StoreError.corrupt(file: path, reason: "not a keepsafe journal (bad header)")
            }
            // The store was made and the crash came before the journal was whole.
            try create()
            return
        }
        let rebooted = BootID.differs(header.bootID)
        let from = rebooted ? Self.headerBytes : header.applied
        let (records, end) = try records(from: from, generation: header.generation)
        for record in records { try apply(record, prepared: [:]) }
        header.applied = end
        try writeHeader(header)
        if rebooted { try checkpoint() }
    }

    /// The valid records of `generation` from `offset` on, and where they end.
    private func records(from offset: UInt64, generation: UInt32) throws -> ([JournalRecord], UInt64) {
        let size = try POSIXFile.size(descriptor, path)
        guard offset < size else { return ([], offset) }
        let bytes = try POSIXFile.readBytes(descriptor, count: Int(size - offset), at: offset, path)
        let (records, valid) = JournalRecord.decodeAll(bytes, generation: generation)
        return (records, offset + UInt64(valid))
    }

    // MARK: Commit

    /// Commits `changes` whole, or throws `StoreError.notCommitted` with the store as it
    /// was. Once the record is durable the commit stands: a failure while applying it
    /// is left to recovery, which the next transaction or read runs.
    func commit(_ changes: StagedChanges) throws {
        var prepared: [String: String] = [:]
        let journalRecord: JournalRecord
        var header: Header
        let record: Data
        do {
            for (document, data) in changes.documents {
                guard let data else { continue }
                try POSIXFile.makeDirectories(root + "/" + document.collection)
                prepared[document.relative] = try writeTemp(data)
            }
            if let policy = changes.policy { prepared[FileStore.policyFile] = try writeTemp(policy) }
            let auditOffset = changes.audit.isEmpty ? 0 : try auditSize()
            journalRecord = JournalRecord(auditOffset: auditOffset, changes: changes)
            guard let current = try readHeader() else {
                throw StoreError.corrupt(file: path, reason: "not a keepsafe journal (bad header)")
            }
            header = current
            if header.applied + UInt64(journalRecord.encoded(generation: header.generation).count)
                > Self.capacity,
                header.applied > Self.headerBytes
            {
                try checkpoint()
                header = try readHeader() ?? header
            }
            // An empty journal may carry the boot of its last checkpoint: records written
            // now belong to this boot.
            if header.applied == Self.headerBytes { header.bootID = BootID.current }
            record = journalRecord.encoded(generation: header.generation)
            do {
                try POSIXFile.writeAll(descriptor, record, at: header.applied, path)
                try POSIXFile.syncData(descriptor, path)
            } catch {
                // A whole record whose sync failed must not be replayed later: clear its
                // magic (in place, so it needs no space); a torn one fails its checksum.
                try? POSIXFile.writeAll(descriptor, Data(count: 4), at: header.applied, path)
                throw error
            }
        } catch let StoreError.io(path, _, code) {
            for temp in prepared.values { _ = try? POSIXFile.removeFile(temp) }
            throw StoreError.notCommitted(path: path, errno: code)
        } catch {
            for temp in prepared.values { _ = try? POSIXFile.removeFile(temp) }
            throw error
        }
        // Committed. What fails from here on is finished by recovery.
        guard (try? apply(journalRecord, prepared: prepared)) != nil else {
            for temp in prepared.values { _ = try? POSIXFile.removeFile(temp) }
            return
        }
        header.applied += UInt64(record.count)
        try? writeHeader(header)
    }

    /// Makes every document the journal's records touched durable, zeroes the records
    /// and starts the next generation; does nothing when the journal is empty.
    /// - Complexity: O(journal size) plus one fsync per distinct file and folder.
    func checkpoint() throws {
        guard var header = try readHeader(), header.applied > Self.headerBytes else { return }
        let (records, end) = try records(from: Self.headerBytes, generation: header.generation)
        var files = Set<String>()
        var folders = Set<String>()
        for record in records {
            for operation in record.operations {
                switch operation {
                case .put(let document, _):
                    files.insert(document.relative)
                    folders.insert(document.collection)
                case .delete(let document): folders.insert(document.collection)
                case .policy: files.insert(FileStore.policyFile)
                case .audit: files.insert(AuditLog.fileName)
                }
            }
        }
        for file in files.sorted() {
            guard let fd = try POSIXFile.openIfExists(root + "/" + file) else { continue }
            defer { _ = close(fd) }
            try POSIXFile.syncFile(fd, root + "/" + file)
        }
        for folder in folders.sorted() { try POSIXFile.fsyncDirectory(root + "/" + folder) }
        try POSIXFile.fsyncDirectory(root)
        let used = max(end, header.applied)
        try POSIXFile.writeAll(
            descriptor, Data(count: Int(used - Self.headerBytes)), at: Self.headerBytes, path)
        header = Header(bootID: BootID.current, applied: Self.headerBytes, generation: header.generation &+ 1)
        try writeHeader(header)
        try POSIXFile.syncData(descriptor, path)
    }

    // MARK: Applying

    /// Applies one committed record: `prepared` maps a relative path to the temp file a
    /// live commit already wrote for it; other documents are written from the record.
    private func apply(_ record: JournalRecord, prepared: [String: String]) throws {
        for operation in record.operations {
            switch operation {
            case .put(let document, let data):
                try place(document.relative, data, prepared: prepared, folder: document.collection)
            case .delete(let document):
                try POSIXFile.removeFile(root + "/" + document.relative)
            case .policy(let data):
                try place(FileStore.policyFile, data, prepared: prepared, folder: nil)
            case .audit(let lines):
                let file = root + "/" + AuditLog.fileName
                let fd = try POSIXFile.openFile(file, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK)
                defer { _ = close(fd) }
                var info = stat()
                guard fstat(fd, &info) == 0, POSIXFile.isRegularFile(info) else {
                    throw StoreError.notRegularFile(path: file)
                }
                if info.st_mode & 0o777 != POSIXFile.fileMode {
                    try POSIXFile.changeMode(fd, POSIXFile.fileMode, file)
                }
                try POSIXFile.writeAll(fd, lines, at: record.auditOffset, file)
                let end = record.auditOffset + UInt64(lines.count)
                if UInt64(info.st_size) > end { try POSIXFile.truncate(fd, to: end, file) }
            }
        }
    }

    private func place(_ relative: String, _ data: Data, prepared: [String: String], folder: String?) throws {
        let temp: String
        if let ready = prepared[relative] {
            temp = ready
        } else {
            if let folder { try POSIXFile.makeDirectories(root + "/" + folder) }
            temp = try writeTemp(data)
        }
        try POSIXFile.renameFile(temp, root + "/" + relative)
    }

    /// Writes `data` to a new file in `STORE/.tmp` (mode 0600, not synced: the journal
    /// holds the bytes until a checkpoint syncs the document).
    private func writeTemp(_ data: Data) throws -> String {
        let temp = root + "/" + FileStore.tempDirectory + "/" + POSIXFile.randomSuffix()
        let fd = try POSIXFile.openFile(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
        do {
            try POSIXFile.changeMode(fd, POSIXFile.fileMode, temp)
            try POSIXFile.writeAll(fd, data, temp)
        } catch {
            _ = close(fd)
            _ = try? POSIXFile.removeFile(temp)
            throw error
        }
        try POSIXFile.closeFile(fd, temp)
        return temp
    }

    /// Removes what dead writers left in `STORE/.tmp` (no writer is live: the caller
    /// holds the exclusive lock).
    func removeTemps() throws {
        let folder = root + "/" + FileStore.tempDirectory
        for name in try POSIXFile.names(in: folder) { try POSIXFile.removeFile(folder + "/" + name) }
    }

    private func auditSize() throws -> UInt64 {
        guard let info = try POSIXFile.status(root + "/" + AuditLog.fileName) else { return 0 }
        guard POSIXFile.isRegularFile(info) else { throw StoreError.notRegularFile(path: AuditLog.fileName) }
        return UInt64(info.st_size)
    }

    // MARK: Header

    private struct Header {
        var bootID: [UInt8]
        var applied: UInt64
        var generation: UInt32

        var encoded: Data {
            var bytes = Data(FileJournal.magic)
            bytes.append(contentsOf: bootID)
            bytes.appendInteger(applied)
            bytes.appendInteger(generation)
            bytes.append(Data(count: Int(FileJournal.headerBytes) - bytes.count))
            return bytes
        }
    }

    private func readHeader() throws -> Header? {
        let bytes = try POSIXFile.readBytes(descriptor, count: Int(Self.headerBytes), at: 0, path)
        guard bytes.count == Int(Self.headerBytes), Array(bytes.prefix(8)) == Self.magic else { return nil }
        var reader = ByteReader(bytes)
        _ = reader.bytes(8)
        guard let boot = reader.bytes(16), let applied: UInt64 = reader.integer(),
            let generation: UInt32 = reader.integer(), applied >= Self.headerBytes
        else { return nil }
        return Header(bootID: Array(boot), applied: applied, generation: generation)
    }

    private func writeHeader(_ header: Header) throws {
        try POSIXFile.writeAll(descriptor, header.encoded, at: 0, path)
    }
}

/// This boot of the machine, so a journal can tell that a reboot came between its
/// writer and its reader (and that unsynced writes may have been lost).
enum BootID {
    /// The 16 bytes of Linux's `/proc/sys/kernel/random/boot_id`; zeros where there is
    /// none, which makes every open replay the journal (slower, never wrong).
    static let current: [UInt8] = {
        guard let data = try? POSIXFile.readFile("/proc/sys/kernel/random/boot_id", limit: 64) else {
            return [UInt8](repeating: 0, count: 16)
        }
        let hex = Array(String(decoding: data, as: UTF8.self).filter(\.isHexDigit).utf8)
        guard hex.count == 32 else { return [UInt8](repeating: 0, count: 16) }
        return stride(from: 0, to: 32, by: 2).map {
            UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16) ?? 0
        }
    }()

    /// Whether `recorded` may be another boot than this one (always, when the boot is
    /// unknown).
    static func differs(_ recorded: [UInt8]) -> Bool {
        recorded != current || current.allSatisfy { $0 == 0 }
    }
}

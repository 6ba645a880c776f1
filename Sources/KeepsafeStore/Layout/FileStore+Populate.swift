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

extension FileStore {
    /// Writes many new records quickly for a benchmark's set-up: each document is
    /// created with `O_EXCL` and written whole, but not synced one by one; the
    /// collection's directory and the file system are synced once at the end.
    ///
    /// Not for the portal: a crash during it may leave empty or partial documents.
    /// - Throws: `StoreError.alreadyExists` for a taken key, `StoreError.io` otherwise.
    /// - Complexity: O(n) in the number of records.
    @_spi(Benchmark)
    public func populate<R: StoreRecord>(_ records: some Sequence<R>) throws {
        try RecordName.validateCollection(R.collection)
        try POSIXFile.makeDirectories(path + "/" + R.collection)
        let encoder = RecordCoder.makeEncoder()
        for var record in records {
            record.schemaVersion = R.currentSchemaVersion
            let file = try documentPath(R.self, record.key)
            var data: Data
            do { data = try encoder.encode(record) } catch {
                throw StoreError.corrupt(file: file, reason: "cannot encode: \(RecordCoder.describe(error))")
            }
            data.append(0x0A)
            let descriptor: Int32
            do {
                descriptor = try POSIXFile.openFile(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW)
            } catch StoreError.io(_, _, let code) where code == EEXIST {
                throw StoreError.alreadyExists(collection: R.collection, key: record.key)
            }
            do {
                try POSIXFile.changeMode(descriptor, POSIXFile.fileMode, file)
                try POSIXFile.writeAll(descriptor, data, file)
            } catch {
                _ = close(descriptor)
                throw error
            }
            try POSIXFile.closeFile(descriptor, file)
        }
        sync()
        try POSIXFile.fsyncDirectory(path + "/" + R.collection)
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One committed transaction as the file engine's journal keeps it: every document's
/// new bytes (or its removal), the policy, and the audit lines with the audit log's
/// length before them, so replaying the record twice gives the same store.
///
/// On disk (all integers little-endian):
///
///     record  = "KSTX" generation:u32 length:u32 crc32:u32 payload
///               (crc32, IEEE, of the generation's 4 bytes and the payload)
///     payload = auditOffset:u64 count:u32 operation*
///     operation = kind:u8 pathLength:u16 path dataLength:u32 data
///
/// `kind` is 1 (put a document), 2 (delete a document), 3 (put `policy.json`) or
/// 4 (audit lines; empty path). A record whose checksum or structure is off is a torn
/// write, and one of another generation is left from before the last checkpoint: the
/// journal ends before either.
struct JournalRecord: Equatable {
    enum Operation: Equatable {
        case put(DocumentPath, Data)
        case delete(DocumentPath)
        case policy(Data)
        case audit(Data)
    }

    /// The audit log's length before this record's lines.
    var auditOffset: UInt64
    var operations: [Operation]

    static let magic: [UInt8] = Array("KSTX".utf8)
    static let headerBytes = 16
    /// No record is larger: it bounds what a damaged length field can make a reader
    /// allocate (a transaction touches a handful of documents of at most 1 MiB).
    static let maximumPayloadBytes = 64 << 20

    init(auditOffset: UInt64, changes: StagedChanges) {
        var operations: [Operation] = changes.documents.map { path, data in
            data.map { .put(path, $0) } ?? .delete(path)
        }
        if let policy = changes.policy { operations.append(.policy(policy)) }
        if !changes.audit.isEmpty { operations.append(.audit(Data(changes.audit.joined()))) }
        self.init(auditOffset: auditOffset, operations: operations)
    }

    init(auditOffset: UInt64, operations: [Operation]) {
        self.auditOffset = auditOffset
        self.operations = operations
    }

    /// The audit bytes this record appends.
    var auditBytes: Data {
        operations.reduce(into: Data()) { if case .audit(let lines) = $1 { $0.append(lines) } }
    }

    // MARK: Encoding

    func encoded(generation: UInt32) -> Data {
        var payload = Data()
        payload.appendInteger(auditOffset)
        payload.appendInteger(UInt32(operations.count))
        for operation in operations {
            let (kind, path, data): (UInt8, String, Data)
            switch operation {
            case .put(let document, let bytes): (kind, path, data) = (1, document.relative, bytes)
            case .delete(let document): (kind, path, data) = (2, document.relative, Data())
            case .policy(let bytes): (kind, path, data) = (3, FileStore.policyFile, bytes)
            case .audit(let lines): (kind, path, data) = (4, "", lines)
            }
            payload.append(kind)
            payload.appendInteger(UInt16(path.utf8.count))
            payload.append(contentsOf: path.utf8)
            payload.appendInteger(UInt32(data.count))
            payload.append(data)
        }
        var record = Data(Self.magic)
        record.appendInteger(generation)
        record.appendInteger(UInt32(payload.count))
        record.appendInteger(Self.checksum(generation: generation, payload))
        record.append(payload)
        return record
    }

    // MARK: Decoding

    /// The records of `generation` in `bytes` (a stretch of the journal) up to the first
    /// that is torn, damaged or of another generation, and where that valid run ends.
    /// - Complexity: O(n) in `bytes`.
    static func decodeAll(_ bytes: Data, generation: UInt32) -> (records: [JournalRecord], validLength: Int) {
        var records: [JournalRecord] = []
        var reader = ByteReader(bytes)
        while reader.remaining > 0 {
            let start = reader.offset
            guard let record = decodeOne(&reader, generation: generation) else {
                return (records, start - bytes.startIndex)
            }
            records.append(record)
        }
        return (records, reader.offset - bytes.startIndex)
    }

    /// Whether `bytes` start like a record of `generation` (checksum not yet checked).
    static func looksLikeRecord(_ bytes: Data, generation: UInt32) -> Bool {
        var reader = ByteReader(bytes)
        guard let magic = reader.bytes(4), Array(magic) == Self.magic, let found: UInt32 = reader.integer()
        else { return false }
        return found == generation
    }

    private static func checksum(generation: UInt32, _ payload: Data) -> UInt32 {
        var bytes = Data()
        bytes.appendInteger(generation)
        bytes.append(payload)
        return CRC32.checksum(bytes)
    }

    private static func decodeOne(_ reader: inout ByteReader, generation: UInt32) -> JournalRecord? {
        guard let magic = reader.bytes(4), Array(magic) == Self.magic,
            let found: UInt32 = reader.integer(), found == generation,
            let length: UInt32 = reader.integer(), Int(length) <= maximumPayloadBytes,
            let checksum: UInt32 = reader.integer(), let payload = reader.bytes(Int(length)),
            Self.checksum(generation: generation, payload) == checksum
        else { return nil }
        var body = ByteReader(payload)
        guard let auditOffset: UInt64 = body.integer(), let count: UInt32 = body.integer() else { return nil }
        var operations: [Operation] = []
        for _ in 0..<count {
            guard let kind: UInt8 = body.integer(), let pathLength: UInt16 = body.integer(),
                let pathBytes = body.bytes(Int(pathLength)), let dataLength: UInt32 = body.integer(),
                let data = body.bytes(Int(dataLength)),
                let path = String(validating: Array(pathBytes), as: UTF8.self)
            else { return nil }
            switch kind {
            case 1:
                guard let document = documentPath(path) else { return nil }
                operations.append(.put(document, Data(data)))
            case 2:
                guard let document = documentPath(path), data.isEmpty else { return nil }
                operations.append(.delete(document))
            case 3:
                guard path == FileStore.policyFile else { return nil }
                operations.append(.policy(Data(data)))
            case 4:
                guard path.isEmpty else { return nil }
                operations.append(.audit(Data(data)))
            default: return nil
            }
        }
        guard body.remaining == 0 else { return nil }
        return JournalRecord(auditOffset: auditOffset, operations: operations)
    }

    /// A document path from its relative form, only if it is one the store writes: a
    /// valid collection and a canonical file name (never `..`, never absolute).
    private static func documentPath(_ relative: String) -> DocumentPath? {
        guard let slash = relative.lastIndex(of: "/") else { return nil }
        let collection = String(relative[..<slash])
        let name = String(relative[relative.index(after: slash)...])
        guard let key = RecordName.key(forFileName: name) else { return nil }
        return try? DocumentPath(collection: collection, key: key)
    }
}

/// Bounds-checked little-endian reads from a byte buffer.
struct ByteReader {
    private let data: Data
    private(set) var offset: Int

    init(_ data: Data) {
        self.data = data
        self.offset = data.startIndex
    }

    var remaining: Int { data.endIndex - offset }

    mutating func bytes(_ count: Int) -> Data? {
        guard count >= 0, count <= remaining else { return nil }
        defer { offset += count }
        return data[offset..<offset + count]
    }

    mutating func integer<T: FixedWidthInteger & UnsignedInteger>() -> T? {
        guard let bytes = bytes(MemoryLayout<T>.size) else { return nil }
        return bytes.reversed().reduce(T(0)) { $0 << 8 | T($1) }
    }
}

extension Data {
    mutating func appendInteger<T: FixedWidthInteger>(_ value: T) {
        var little = value.littleEndian
        Swift.withUnsafeBytes(of: &little) { append(contentsOf: $0) }
    }
}

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib and PNG compute it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

import Foundation
import KeepsafeStore

/// A small `DocumentStore` for the flow's tests: records kept as JSON in memory, one
/// lock for everything, `create` refusing a taken key like the real stores.
final class TestStore: DocumentStore, @unchecked Sendable {
    private let lock = NSRecursiveLock()
    private var documents: [String: [String: Data]] = [:]
    private var audit: [AuditEntry] = []
    private let storedPolicy: Policy

    init(policy: Policy = .testing()) { storedPolicy = policy }

    func policy() throws -> Policy { storedPolicy }

    func read<R: StoreRecord>(_ type: R.Type, key: String) throws -> R? {
        try lock.withLock {
            try documents[R.collection]?[key].map { try Self.decoder.decode(R.self, from: $0) }
        }
    }

    func create<R: StoreRecord>(_ record: R) throws {
        try lock.withLock {
            guard documents[R.collection]?[record.key] == nil else {
                throw StoreError.alreadyExists(collection: R.collection, key: record.key)
            }
            documents[R.collection, default: [:]][record.key] = try Self.encoder.encode(record)
        }
    }

    func update<R: StoreRecord, T>(_ type: R.Type, key: String, _ body: (inout R?) throws -> T) throws -> T {
        try lock.withLock {
            var record = try documents[R.collection]?[key].map { try Self.decoder.decode(R.self, from: $0) }
            let result = try body(&record)
            documents[R.collection, default: [:]][key] = try record.map { try Self.encoder.encode($0) }
            return result
        }
    }

    func list<R: StoreRecord>(_ type: R.Type) throws -> [R] {
        try lock.withLock {
            try (documents[R.collection] ?? [:]).sorted { $0.key < $1.key }.map {
                try Self.decoder.decode(R.self, from: $0.value)
            }
        }
    }

    func appendAudit(_ entry: AuditEntry) throws { lock.withLock { audit.append(entry) } }

    func auditLog() throws -> [AuditEntry] { lock.withLock { audit } }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

import Foundation

/// A store that can name every collection it holds, whatever the record type (the
/// phone's own `phone/...` included): what copying or exporting a store whole needs.
public protocol CollectionListing: DocumentStore {
    /// Every collection holding at least one document, sorted.
    func collectionNames() throws -> [String]
}

/// `keepsafe store copy SRC DST`: every document, the policy and the audit log of one
/// store into an empty one, folder or database either way, in one transaction of the
/// destination (all or nothing).
///
///     let counts = try StoreCopy.copy(from: folder, to: database)
///
/// - Complexity: O(size of the store); the whole store is held in memory once.
public enum StoreCopy {
    /// What was copied.
    public struct Counts: Sendable, Equatable {
        public var documents: Int
        public var auditLines: Int

        public init(documents: Int, auditLines: Int) {
            self.documents = documents
            self.auditLines = auditLines
        }
    }

    /// - Throws: `StoreError.notEmpty` when the destination holds a document or an audit
    ///   line; the engines' errors (nothing is written to the destination then).
    @discardableResult
    public static func copy(
        from source: any CollectionListing, to destination: any CollectionListing
    ) throws -> Counts {
        guard try destination.collectionNames().isEmpty, try destination.auditLog().isEmpty else {
            throw StoreError.notEmpty(store: destination.location)
        }
        var documents: [(collection: String, key: String, data: Data)] = []
        let collections = try source.collectionNames()
        let policy = try source.snapshot { tx -> Policy in
            for collection in collections {
                for key in try tx.rawKeys(in: collection) {
                    if let data = try tx.rawDocument(collection: collection, key: key) {
                        documents.append((collection, key, data))
                    }
                }
            }
            return try tx.policy()
        }
        let audit = try source.auditLog()
        try destination.transaction { tx in
            for document in documents {
                try tx.putRaw(collection: document.collection, key: document.key, data: document.data)
            }
            try tx.writePolicy(policy)
            for entry in audit { try tx.appendAudit(entry) }
        }
        return Counts(documents: documents.count, auditLines: audit.count)
    }
}

extension FileStore: CollectionListing {
    /// Folders below the store holding documents (`accounts`, `outbox/sms`, `phone/accounts`).
    public func collectionNames() throws -> [String] {
        var found: [String] = []
        func walk(_ relative: String) throws {
            let folder = relative.isEmpty ? path : path + "/" + relative
            for name in try POSIXFile.names(in: folder).sorted() where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                guard let info = try POSIXFile.status(path + "/" + child) else { continue }
                if POSIXFile.isDirectory(info) {
                    try walk(child)
                } else if !relative.isEmpty, RecordName.key(forFileName: name) != nil, found.last != relative {
                    found.append(relative)
                }
            }
        }
        try snapshot { _ in try walk("") }
        return found.sorted()
    }
}

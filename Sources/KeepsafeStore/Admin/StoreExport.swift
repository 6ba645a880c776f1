import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The whole store as one JSON document, with secrets redacted, for QA bug reports
/// (`keepsafe store export`).
///
/// Redacted: any string under a field whose name holds `secret`, `hash`, `token`,
/// `password` or `uri`, any `otpauth:` URI wherever it appears, and runs of four or
/// more digits in SMS and mail bodies (codes). Everything else is kept as stored.
///
///     let json = try StoreExport(store: store).document()
///
/// - Complexity: O(n) in the number of documents; the export is built in memory.
public struct StoreExport {
    /// What replaces a redacted value.
    public static let redacted = "[redacted]"
    private static let secretFieldMarks = ["secret", "hash", "token", "password", "uri"]

    let store: any DocumentStore

    public init(store: any DocumentStore) {
        self.store = store
    }

    /// The export, pretty printed with sorted keys, ending with a newline.
    /// - Throws: the first `StoreError` met (a corrupt or newer document, naming its
    ///   file); nothing partial is returned.
    public func document() throws -> Data {
        var root: [String: Any] = ["format": FileStore.formatVersion]
        root["policy"] = try jsonObject(try store.policy(), file: FileStore.policyFile)
        var outbox: [String: Any] = [:]
        for type in StoreLayout.recordTypes {
            let records = try export(type)
            let parts = type.collection.split(separator: "/").map(String.init)
            if parts.count == 2, parts[0] == "outbox" {
                outbox[parts[1]] = records
            } else {
                root[type.collection] = records
            }
        }
        root["outbox"] = outbox
        root["phone"] = try phoneDocuments()
        root["audit"] = try store.auditLog().map { try Self.redact(jsonObject($0, file: AuditLog.fileName)) }
        var data = try JSONObject.data(root, pretty: true)
        data.append(0x0A)
        return data
    }

    private func export<R: StoreRecord>(_ type: R.Type) throws -> [Any] {
        var records: [Any] = []
        let bodiesHoldCodes = R.self == SMSMessage.self
        try store.forEach(type) { record in
            var object = Self.redact(try jsonObject(record, file: R.collection + "/" + record.key))
            if bodiesHoldCodes, var fields = object as? [String: Any], let body = fields["body"] as? String {
                fields["body"] = Self.redactDigitRuns(body)
                object = fields
            }
            records.append(object)
        }
        return records
    }

    /// The phone's documents by folder (`phone/accounts` → `"accounts"`), redacted.
    private func phoneDocuments() throws -> [String: Any] {
        var folders: [String: Any] = [:]
        guard let store = store as? FileStore else {
            guard let listing = store as? any CollectionListing else { return [:] }
            let prefix = StoreLayout.phoneFolder + "/"
            let collections = try listing.collectionNames().filter { $0.hasPrefix(prefix) }
            try store.snapshot { tx in
                for collection in collections {
                    var list: [Any] = []
                    for key in try tx.rawKeys(in: collection) {
                        guard let data = try tx.rawDocument(collection: collection, key: key) else { continue }
                        guard let object = try? JSONObject.parse(data) else {
                            throw StoreError.corrupt(file: collection + "/" + key, reason: "not valid JSON")
                        }
                        list.append(Self.redact(object))
                    }
                    folders[String(collection.dropFirst(prefix.count))] = list
                }
            }
            return folders
        }
        func walk(_ relative: String) throws {
            let directory = store.path + "/" + relative
            for name in try POSIXFile.names(in: directory).sorted() where !name.hasPrefix(".") {
                let child = relative + "/" + name
                guard let info = try POSIXFile.status(store.path + "/" + child) else { continue }
                if POSIXFile.isDirectory(info) {
                    try walk(child)
                } else if name.hasSuffix(".json"), let data = try POSIXFile.readFile(store.path + "/" + child)
                {
                    guard let object = try? JSONObject.parse(data) else {
                        throw StoreError.corrupt(file: store.path + "/" + child, reason: "not valid JSON")
                    }
                    let folder = String(relative.dropFirst(StoreLayout.phoneFolder.count + 1))
                    var list = folders[folder] as? [Any] ?? []
                    list.append(Self.redact(object))
                    folders[folder] = list
                }
            }
        }
        try walk(StoreLayout.phoneFolder)
        return folders
    }

    private func jsonObject<T: Encodable>(_ value: T, file: String) throws -> Any {
        try JSONObject.parse(RecordCoder.encode(value, file: file))
    }

    /// `value` with every secret-bearing string replaced.
    static func redact(_ value: Any, field: String? = nil) -> Any {
        switch value {
        case let object as [String: Any]:
            return object.reduce(into: [String: Any]()) { result, entry in
                result[entry.key] = redact(entry.value, field: entry.key)
            }
        case let array as [Any]:
            return array.map { redact($0, field: field) }
        case let text as String:
            let name = field?.lowercased() ?? ""
            if secretFieldMarks.contains(where: name.contains) || text.lowercased().contains("otpauth:") {
                return redacted
            }
            return text
        default:
            return value
        }
    }

    /// `text` with every run of four or more ASCII digits replaced.
    static func redactDigitRuns(_ text: String) -> String {
        var result = ""
        var run = ""
        for character in text {
            if character.isASCII, character.isNumber {
                run.append(character)
                continue
            }
            result += run.count >= 4 ? redacted : run
            run = ""
            result.append(character)
        }
        return result + (run.count >= 4 ? redacted : run)
    }
}

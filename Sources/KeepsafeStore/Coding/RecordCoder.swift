import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns records into the bytes of their JSON documents and back, checking the schema
/// version and migrating older documents on the way in.
///
/// Both stores use it, so the in-memory store has exactly the file store's round trip
/// (dates included).
public enum RecordCoder {
    /// The JSON encoder every document is written with: sorted keys, pretty printed,
    /// dates as exact ISO 8601 timestamps in UTC.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    /// The matching decoder; it also accepts ISO 8601 instants with a zone offset.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text.debugDescription) is not an ISO 8601 instant")
            }
            return date
        }
        return decoder
    }

    /// The bytes of `value`'s document, ending with a newline.
    /// - Throws: `StoreError.corrupt` naming `file` if the value cannot be encoded
    ///   (a non-finite number, for example).
    public static func encode<T: Encodable>(_ value: T, file: String) throws -> Data {
        do {
            var data = try makeEncoder().encode(value)
            data.append(0x0A)
            return data
        } catch {
            throw StoreError.corrupt(file: file, reason: "cannot encode: \(describe(error))")
        }
    }

    /// Decodes a record document, migrating it if it was written by an older schema.
    ///
    /// A document without `schemaVersion` is version 0.
    /// - Throws: `StoreError.corrupt` (not JSON, missing or mistyped fields, a failed
    ///   migration) or `StoreError.unsupportedVersion` (written by a newer keepsafe),
    ///   each naming `file`.
    public static func decode<R: StoreRecord>(_ type: R.Type, from data: Data, file: String) throws -> R {
        let key = DecodedKey(type: ObjectIdentifier(R.self), data: data)
        if let known = recentlyDecoded.withLock({ $0[key] }) as? R { return known }
        let record = try decodeVersioned(
            type, from: data, file: file, currentVersion: R.currentSchemaVersion, migrate: R.migrate)
        remember(record, as: data)
        return record
    }

    /// Encodes a record to stage it, and remembers that these bytes decode to it: records
    /// read back exactly as written (dates included, see `Timestamp`), so the transaction
    /// that reads what the last one wrote need not decode it again.
    static func encodeRecord<R: StoreRecord>(_ record: R, file: String) throws -> Data {
        let data = try encode(record, file: file)
        remember(record, as: data)
        return data
    }

    private static func remember<R: StoreRecord>(_ record: R, as data: Data) {
        let key = DecodedKey(type: ObjectIdentifier(R.self), data: data)
        recentlyDecoded.withLock { cache in
            if cache.count >= recentCapacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = record
        }
    }

    /// Decoding is a pure function of the type and the bytes, and the same documents are
    /// read again by every transaction of a session (the account above all): the last few
    /// hundred are kept, by their exact bytes, so that only a changed document is checked
    /// and decoded again.
    private struct DecodedKey: Hashable {
        var type: ObjectIdentifier
        var data: Data
    }
    private static let recentCapacity = 256
    private static let recentlyDecoded = LockedValue<[DecodedKey: any Sendable]>([:])

    /// Decodes the policy document, with the same version rules as records.
    ///
    /// A field the document leaves out takes its default, so `policy.json` may hold only
    /// what differs (`{"schemaVersion": 1, "password": {"iterations": 1000}}`) and a
    /// policy written before a field existed still reads.
    public static func decodePolicy(from data: Data, file: String) throws -> Policy {
        if let known = lastPolicy.withLock({ $0 }), known.data == data { return known.policy }
        let policy = try decodePolicyAnew(from: data, file: file)
        lastPolicy.withLock { $0 = (data, policy) }
        return policy
    }

    /// The last policy document decoded and its value: a policy is read at every session
    /// and clock step, and merging it over the defaults costs several JSON passes.
    private static let lastPolicy = LockedValue<(data: Data, policy: Policy)?>(nil)

    private static func decodePolicyAnew(from data: Data, file: String) throws -> Policy {
        try checkStrict(data, file: file)
        var document = data
        if let given = try? JSONObject.parse(data) as? [String: Any],
            let defaults = try? JSONObject.parse(makeEncoder().encode(Policy()))
                as? [String: Any]
        {
            var merged = merge(given, over: defaults)
            if given["schemaVersion"] == nil { merged["schemaVersion"] = nil }
            document = (try? JSONObject.data(merged)) ?? data
        }
        return try decodeVersioned(
            Policy.self, from: document, file: file, currentVersion: Policy.currentSchemaVersion,
            migrate: Policy.migrate)
    }

    /// `given` laid over `defaults`, nested objects merged field by field.
    private static func merge(_ given: [String: Any], over defaults: [String: Any]) -> [String: Any] {
        var result = defaults
        for (key, value) in given {
            if let inner = value as? [String: Any], let base = defaults[key] as? [String: Any] {
                result[key] = merge(inner, over: base)
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// Decodes `data` as a `T` whose documents carry `schemaVersion`.
    static func decodeVersioned<T: Decodable>(
        _ type: T.Type, from data: Data, file: String, currentVersion: Int,
        migrate: (inout [String: Any], Int) throws -> Void
    ) throws -> T {
        try checkStrict(data, file: file)
        let decoder = makeDecoder()
        let version: Int
        do {
            version = try decoder.decode(VersionProbe.self, from: data).schemaVersion ?? 0
        } catch {
            throw StoreError.corrupt(file: file, reason: describe(error))
        }
        if version > currentVersion {
            throw StoreError.unsupportedVersion(file: file, found: version, supported: currentVersion)
        }
        if version < 0 {
            throw StoreError.corrupt(file: file, reason: "negative schema version \(version)")
        }
        var document = data
        if version < currentVersion {
            document = try migrated(data, from: version, to: currentVersion, file: file, migrate: migrate)
        }
        do {
            return try decoder.decode(T.self, from: document)
        } catch {
            throw StoreError.corrupt(file: file, reason: describe(error))
        }
    }

    /// Runs the migration steps `version → version + 1 → ... → current` on the JSON object.
    private static func migrated(
        _ data: Data, from version: Int, to current: Int, file: String,
        migrate: (inout [String: Any], Int) throws -> Void
    ) throws -> Data {
        do {
            guard var object = try JSONObject.parse(data) as? [String: Any] else {
                throw StoreError.corrupt(file: file, reason: "the document is not a JSON object")
            }
            for step in version..<current {
                try migrate(&object, step)
                object["schemaVersion"] = step + 1
            }
            return try JSONObject.data(object)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corrupt(file: file, reason: "migration from version \(version) failed: \(error)")
        }
    }

    /// Refuses what is not one JSON text, or repeats a name in an object.
    /// - Throws: `StoreError.corrupt` naming `file`.
    static func checkStrict(_ data: Data, file: String) throws {
        do { try StrictJSON.validate(data) } catch {
            throw StoreError.corrupt(file: file, reason: error.description)
        }
    }

    /// Why `data` is not a JSON object with an integer `schemaVersion`, or `nil` if it is.
    /// For documents whose type this module does not know (the phone's, the brand).
    static func jsonObjectProblem(_ data: Data) -> String? {
        do { try StrictJSON.validate(data) } catch { return error.description }
        guard let object = try? JSONObject.parse(data) else { return "not valid JSON" }
        guard let fields = object as? [String: Any] else { return "not a JSON object" }
        if let version = fields["schemaVersion"],
            !(version is Int || (version as? Double).map { $0 == $0.rounded() } == true)
        {
            return "schemaVersion is not an integer"
        }
        return nil
    }

    /// A one-line, human description of a coding error: what and where.
    static func describe(_ error: Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \(key.stringValue.debugDescription)\(path(context))"
        case DecodingError.typeMismatch(let type, let context):
            return "expected \(type)\(path(context))"
        case DecodingError.valueNotFound(let type, let context):
            return "null where \(type) is required\(path(context))"
        case DecodingError.dataCorrupted(let context):
            let underlying = context.underlyingError.map { "\($0)" }
            let detail = context.codingPath.isEmpty ? "not valid JSON" : context.debugDescription
            return detail + path(context)
                + (underlying.map { context.codingPath.isEmpty ? " (\($0))" : "" } ?? "")
        default:
            return String(describing: error).replacing("\n", with: " ")
        }
    }
}

/// Reads only `schemaVersion`, whatever else the document holds.
private struct VersionProbe: Decodable {
    var schemaVersion: Int?
}

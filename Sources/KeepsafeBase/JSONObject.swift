#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Untyped JSON as Swift values, for migrations and exports that edit documents field by
/// field: what `JSONSerialization` did, on top of `JSONDecoder` and `JSONEncoder`.
///
/// Objects are `[String: Any]`, arrays `[Any]`, numbers `Int` when whole and in range
/// (else `Double`), and `true`/`false` `Bool`, strings `String`, `null` `JSONObject.null`.
///
///     var fields = try JSONObject.parse(data) as? [String: Any]
///     let text = try JSONObject.data(fields, pretty: true)
public enum JSONObject {
    /// JSON's `null`.
    public struct Null: Equatable, Sendable {}
    public static let null = Null()

    /// A value that is not JSON (a date, a custom type) inside an object to write.
    public struct NotJSON: Error, CustomStringConvertible {
        public var type: String
        public var description: String { "\(type) cannot be written as JSON" }
    }

    /// The value of the JSON document `data`.
    /// - Throws: the decoder's error when `data` is not JSON.
    public static func parse(_ data: Data) throws -> Any {
        try JSONDecoder().decode(Value.self, from: data).any
    }

    /// `object` as JSON text: sorted keys, slashes unescaped, indented when `pretty`.
    /// - Throws: `NotJSON` for a value JSON cannot hold.
    public static func data(_ object: Any, pretty: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        return try encoder.encode(try Value(object))
    }

    /// The decoding and encoding form.
    private enum Value: Codable {
        case null
        case bool(Bool)
        case int(Int)
        case double(Double)
        case string(String)
        case array([Value])
        case object([String: Value])

        init(_ any: Any) throws {
            switch any {
            case is Null: self = .null
            case let value as Bool: self = .bool(value)
            case let value as Int: self = .int(value)
            case let value as Double: self = .double(value)
            case let value as String: self = .string(value)
            case let value as [Any]: self = .array(try value.map(Value.init))
            case let value as [String: Any]: self = .object(try value.mapValues(Value.init))
            default: throw NotJSON(type: "\(type(of: any))")
            }
        }

        var any: Any {
            switch self {
            case .null: return JSONObject.null
            case .bool(let value): return value
            case .int(let value): return value
            case .double(let value): return value
            case .string(let value): return value
            case .array(let values): return values.map(\.any)
            case .object(let fields): return fields.mapValues(\.any)
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .int(value)
            } else if let value = try? container.decode(Double.self) {
                self = .double(value)
            } else if let value = try? container.decode(String.self) {
                self = .string(value)
            } else if let value = try? container.decode([Value].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: Value].self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .int(let value): try container.encode(value)
            case .double(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .array(let values): try container.encode(values)
            case .object(let fields): try container.encode(fields)
            }
        }
    }
}

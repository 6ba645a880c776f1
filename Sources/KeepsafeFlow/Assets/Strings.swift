import KeepsafeAssets
import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Every user-facing text of the portal, by key (`assets/strings.json`).
///
/// A team re-words the simulation by editing that file (or passing their own); the code
/// only knows keys. Values may hold `{name}` placeholders filled by `format`.
public struct Strings: Sendable, Equatable {
    /// The texts by key.
    public private(set) var table: [String: String]

    /// Wraps a table of texts.
    public init(table: [String: String]) { self.table = table }

    /// Parses a strings file: one JSON object of key → text.
    /// - Throws: `AssetError.unreadable` or `AssetError.malformed` naming `path`.
    public init(contentsOf path: String) throws {
        let data = try AssetError.read(path)
        guard let table = try? JSONDecoder().decode([String: String].self, from: data) else {
            throw AssetError.malformed(path: path, reason: "expected one JSON object of string values")
        }
        self.table = table
    }

    /// The strings shipped with keepsafe (`assets/strings.json`).
    public static let bundled: Strings = {
        guard let text = EmbeddedAssets.text("strings.json"),
            let table = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        else { return Strings(table: [:]) }
        return Strings(table: table)
    }()

    /// The text for `key`; a missing key shows as `⟦key⟧` so that it is noticed, never as a crash.
    public subscript(_ key: String) -> String { table[key] ?? "⟦\(key)⟧" }

    /// The text for `key` with each `{name}` replaced by `values[name]`, in one pass:
    /// a value is never expanded again (a name typed by a user stays as typed), and a
    /// `{name}` with no value stays as written.
    public func format(_ key: String, _ values: [String: String]) -> String {
        let template = self[key]
        guard !values.isEmpty else { return template }
        // Braces are ASCII, so they never occur inside a multi-byte UTF-8 sequence: the
        // scan works on the template's own bytes, which is what makes it cheap enough for
        // every screen at every key.
        var storage = template
        return storage.withUTF8 { bytes in
            guard var index = bytes.firstIndex(of: UInt8(ascii: "{")) else { return template }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 32)
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<index]))
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "{"),
                    let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
                    let value = values[
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self)]
                {
                    result.append(contentsOf: value.utf8)
                    index = close + 1
                } else {
                    result.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// This table with `other`'s entries laid over it (a partial override file).
    public func merging(_ other: Strings) -> Strings {
        Strings(table: table.merging(other.table) { _, new in new })
    }
}

/// Problems with an asset file (strings, brand, country table), naming the file.
public enum AssetError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    case malformed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path): return "\(path): cannot be read"
        case .malformed(let path, let reason): return "\(path): \(reason)"
        }
    }

    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw unreadable(path: path) }
        return data
    }
}

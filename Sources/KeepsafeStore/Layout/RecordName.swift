/// How record keys and collection names become file names, reversibly.
///
/// Keys are free text (an email may hold `/`, `%`, capitals or a leading dot), so every
/// byte of the key's UTF-8 outside `[a-z0-9._@+-]` is written as `%XX` (upper-case hex),
/// and so is a leading `.`, which keeps documents apart from hidden temp files.
/// `user@example.com` → `user@example.com.json`; `a/b` → `a%2Fb.json`.
public enum RecordName {
    /// Longest file name most file systems accept, in bytes.
    public static let maximumFileNameBytes = 255
    static let documentSuffix = ".json"

    /// Checks a key and returns its file name (`<encoded>.json`).
    /// - Throws: `StoreError.invalidKey` for `""`, `"."`, `".."` or a key whose file name
    ///   would exceed 255 bytes.
    public static func fileName(forKey key: String) throws -> String {
        guard !key.isEmpty, key != ".", key != ".." else { throw StoreError.invalidKey(key) }
        var name = ""
        for (offset, byte) in key.utf8.enumerated() {
            if isPlain(byte), !(offset == 0 && byte == UInt8(ascii: ".")) {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                name += "%" + hex(byte >> 4) + hex(byte & 0x0F)
            }
        }
        name += documentSuffix
        guard name.utf8.count <= maximumFileNameBytes else { throw StoreError.invalidKey(key) }
        return name
    }

    /// The key a document file name stands for, or `nil` when the name is not one this
    /// store writes (temp files, stray files, non-canonical encodings).
    public static func key(forFileName name: String) -> String? {
        guard name.hasSuffix(documentSuffix), !name.hasPrefix(".") else { return nil }
        let encoded = Array(name.utf8.dropLast(documentSuffix.utf8.count))
        var bytes: [UInt8] = []
        var index = 0
        while index < encoded.count {
            let byte = encoded[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < encoded.count, let high = value(encoded[index + 1]),
                    let low = value(encoded[index + 2])
                else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte)
                index += 1
            }
        }
        guard let key = String(validating: bytes, as: UTF8.self),
            (try? fileName(forKey: key)) == name
        else { return nil }
        return key
    }

    /// Checks a collection name: one or more `/`-separated folder names of
    /// `[a-z0-9._-]`, none of them empty, `.` or `..`, and none starting with `.`.
    /// - Throws: `StoreError.invalidCollection`.
    public static func validateCollection(_ collection: String) throws {
        let parts = collection.split(separator: "/", omittingEmptySubsequences: false)
        let valid =
            !parts.isEmpty
            && parts.allSatisfy { part in
                !part.isEmpty && !part.hasPrefix(".")
                    && part.utf8.allSatisfy {
                        isPlain($0) && $0 != UInt8(ascii: "@") && $0 != UInt8(ascii: "+")
                    }
            }
        guard valid else { throw StoreError.invalidCollection(collection) }
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? nibble + 48 : nibble + 55))
    }

    private static func value(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - 48
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - 55
        default: return nil
        }
    }
}

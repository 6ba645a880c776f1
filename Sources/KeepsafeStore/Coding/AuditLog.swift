#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The audit log's format: one compact JSON object per line (`audit.log`).
public enum AuditLog {
    /// The log's file name in the store directory.
    public static let fileName = "audit.log"

    /// One entry as a JSON line, newline included. Control characters inside strings
    /// are escaped by JSON, so a line never breaks in two.
    /// - Throws: `StoreError.corrupt` if the entry cannot be encoded.
    public static func encodeLine(_ entry: AuditEntry) throws -> Data {
        let encoder = RecordCoder.makeEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(entry)
            data.append(0x0A)
            return data
        } catch {
            throw StoreError.corrupt(file: fileName, reason: "cannot encode: \(RecordCoder.describe(error))")
        }
    }

    /// Decodes one line (without or with its newline).
    /// - Throws: `StoreError.corrupt` naming the file and line number.
    public static func decodeLine(_ line: Data, file: String, line number: Int) throws -> AuditEntry {
        do {
            try StrictJSON.validate(line)
            return try RecordCoder.makeDecoder().decode(AuditEntry.self, from: line)
        } catch let problem as StrictJSON.Problem {
            throw StoreError.corrupt(file: "\(file):\(number)", reason: problem.description)
        } catch {
            throw StoreError.corrupt(file: "\(file):\(number)", reason: RecordCoder.describe(error))
        }
    }
}

import Foundation
import KeepsafeAssets
import Testing

/// The command line reads its texts from strings.json by key (`CommandWords.text("KEY")` is
/// `cli.KEY`); a key written in Sources/keepsafe must be in the file, or the text would show
/// as `⟦cli.KEY⟧`. Keys put together at run time are covered by the end-to-end tests.
@Suite("command-line keys")
struct CommandLineKeysTests {
    /// `Sources/keepsafe`, found from this file's place in the repository.
    static let sources: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/keepsafe")

    /// Every `CommandWords.text("KEY")` and `Strings.bundled["KEY"]` / `.format("KEY", ...)`
    /// with a literal key, as the full key, with the file it is in.
    static func keysUsed() throws -> [(key: String, file: String)] {
        let patterns = [
            (try Regex(#"CommandWords\.text\(\s*"([^"\\]+)"\s*[,)]"#), "cli."),
            (try Regex(#"Strings\.bundled(?:\[|\.format\()\s*"([^"\\]+)"\s*[\],]"#), ""),
        ]
        var found: [(String, String)] = []
        let walker = FileManager.default.enumerator(atPath: sources.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            for (pattern, prefix) in patterns {
                for match in text.matches(of: pattern) {
                    if let key = match.output[1].substring { found.append((prefix + key, relative)) }
                }
            }
        }
        return found
    }

    @Test("every key the command line names is in strings.json")
    func everyKeyExists() throws {
        let text = try #require(EmbeddedAssets.text("strings.json"))
        let table = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String])
        let used = try Self.keysUsed()
        #expect(used.count >= 150, "only \(used.count) keys found: has the code changed shape?")
        for (key, file) in used {
            #expect(table[key] != nil, "\(file): \(key) is not in assets/strings.json")
        }
    }
}

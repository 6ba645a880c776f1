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

    /// Every key written as a literal in `CommandWords.text(...)` (also either side of a
    /// `condition ? "a" : "b"` first argument) or in `Strings.bundled["KEY"]` /
    /// `Strings.bundled.format("KEY", ...)`, as the full key, with the file it is in.
    static func keysUsed() throws -> [(key: String, file: String)] {
        let commandWords = try Regex(#"CommandWords\.text\(\s*([^,()+]*?)\s*[,)]"#)
        let bundled = try Regex(#"Strings\.bundled(?:\[|\.format\()\s*"([^"\\]+)"\s*[\],]"#)
        let literal = try Regex(#""([^"\\]+)""#)
        var found: [(String, String)] = []
        let walker = FileManager.default.enumerator(atPath: sources.path)
        while let relative = walker?.nextObject() as? String {
            guard relative.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            for match in text.matches(of: commandWords) {
                guard let argument = match.output[1].substring else { continue }
                for key in argument.matches(of: literal) {
                    if let key = key.output[1].substring { found.append(("cli." + key, relative)) }
                }
            }
            for match in text.matches(of: bundled) {
                if let key = match.output[1].substring { found.append((String(key), relative)) }
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
        #expect(used.count >= 200, "only \(used.count) keys found: has the code changed shape?")
        for (key, file) in used {
            #expect(table[key] != nil, "\(file): \(key) is not in assets/strings.json")
        }
    }
}

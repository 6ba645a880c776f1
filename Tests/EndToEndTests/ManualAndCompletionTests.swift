import Foundation
import TestSupport
import Testing

/// keepsafe(1) and the completion scripts that `make install` writes.
@Suite("manual page and completions")
struct ManualAndCompletionTests {
    /// Every command path and the long names of its options, from the parser's own
    /// description (`--experimental-dump-help`), which the manual must cover.
    static func commandTree() throws -> [(path: String, options: [String])] {
        let dump = try BuiltProducts.runKeepsafe(["--experimental-dump-help"])
        let root = try #require(
            (try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])?["command"]
                as? [String: Any])
        var found: [(String, [String])] = []
        func walk(_ command: [String: Any], _ path: [String]) {
            let name = command["commandName"] as? String ?? "?"
            guard name != "help", command["shouldDisplay"] as? Bool ?? true else { return }
            let here = path + [name]
            let options = (command["arguments"] as? [[String: Any]] ?? []).flatMap { argument in
                (argument["names"] as? [[String: Any]] ?? []).compactMap { name in
                    name["kind"] as? String == "long" ? name["name"] as? String : nil
                }
            }.filter { $0 != "help" }
            found.append((here.joined(separator: " "), options))
            for child in command["subcommands"] as? [[String: Any]] ?? [] { walk(child, here) }
        }
        walk(root, [])
        return found
    }

    @Test("the manual has a section for every command and every option of it")
    func everyCommandAndOption() throws {
        let page = try BuiltProducts.runKeepsafe(["manual", "--date", "May 1, 2026"])
        #expect(page.status == 0, "\(page.stderr)")
        let tree = try Self.commandTree()
        #expect(tree.count >= 20, "only \(tree.count) commands found")
        for (path, options) in tree where path != "keepsafe" {
            let header = ".Ss \(path)"
            let lines = page.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            guard let start = lines.firstIndex(where: { $0 == header }) else {
                Issue.record("no section \(header)")
                continue
            }
            let section = lines[(start + 1)...].prefix { !$0.hasPrefix(".Ss ") && !$0.hasPrefix(".Sh ") }
                .joined(separator: "\n")
            for option in options {
                #expect(section.contains("Fl -\(option)"), "\(path): no --\(option) in its section")
            }
        }
    }

    /// The help texts are read from strings.json by key (`cli.abstract.*`, `cli.discussion.*`,
    /// `cli.help.*`): a key missing there would show as `⟦key⟧`.
    @Test("no help, manual page or completion script shows a key missing from strings.json")
    func noMissingKeys() throws {
        var outputs: [(String, Subprocess.Result)] = []
        for arguments in [
            ["--help"], ["--experimental-dump-help"], ["manual"], ["--generate-completion-script", "bash"],
            ["--generate-completion-script", "zsh"], ["--generate-completion-script", "fish"],
        ] {
            outputs.append((arguments.joined(separator: " "), try BuiltProducts.runKeepsafe(arguments)))
        }
        for (path, _) in try Self.commandTree() where path != "keepsafe" {
            let words = path.split(separator: " ").dropFirst().map(String.init)
            let help = try BuiltProducts.runKeepsafe(["help"] + words)
            outputs.append(("help " + words.joined(separator: " "), help))
        }
        #expect(outputs.count >= 26)
        for (command, result) in outputs {
            #expect(result.status == 0, "keepsafe \(command): \(result.stderr)")
            #expect(!result.stdout.isEmpty, "keepsafe \(command) printed nothing")
            #expect(!result.stdout.contains("⟦"), "keepsafe \(command) shows a missing key")
        }
    }

    @Test("environment, files and exit status are in the manual")
    func referenceSections() throws {
        let page = try BuiltProducts.runKeepsafe(["manual"]).stdout
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "ENVIRONMENT", "FILES", "EXIT STATUS"]
        {
            #expect(page.contains(".Sh \(section)"), "no \(section)")
        }
        for variable in ["KEEPSAFE_STORE", "XDG_DATA_HOME", "XDG_STATE_HOME", "NO_COLOR", "TERM"] {
            #expect(page.contains(".It Ev \(variable)"), "no \(variable)")
        }
        for code in 0...3 { #expect(page.contains(".It \(code)\n"), "no exit code \(code)") }
        #expect(page.contains(".It Pa ~/.local/state/keepsafe/device.json"))
    }

    @Test("man renders the page without warnings", .enabled(if: PeerTools.which("man") != nil))
    func manRendersIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let page = try BuiltProducts.runKeepsafe(["manual"]).stdout
        _ = FileManager.default.createFile(atPath: directory.file("keepsafe.1"), contents: Data(page.utf8))
        let rendered = try Subprocess.run(
            "man", ["--warnings", "-l", directory.file("keepsafe.1")],
            environment: ["MANPAGER": "cat", "MANWIDTH": "80"])
        #expect(rendered.status == 0)
        #expect(rendered.stdout.contains("walkthrough"))
        #expect(rendered.stderr.isEmpty, "\(rendered.stderr)")
    }

    @Test("completion scripts for bash, zsh and fish name the commands", arguments: ["bash", "zsh", "fish"])
    func completion(shell: String) throws {
        let result = try BuiltProducts.runKeepsafe(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for command in ["walkthrough", "users", "phone", "store"] {
            #expect(result.stdout.contains(command), "\(shell): no \(command)")
        }
        guard let checker = PeerTools.which(shell) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = FileManager.default.createFile(
            atPath: directory.file("script"), contents: Data(result.stdout.utf8))
        let check = try Subprocess.run(checker, ["-n", directory.file("script")])
        #expect(check.status == 0, "\(shell) -n: \(check.stderr)")
    }
}

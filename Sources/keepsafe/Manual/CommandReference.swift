import ArgumentParser

/// What `keepsafe --help` and the manual page say beyond the options: environment
/// variables, files and exit codes. One list each, so the two cannot disagree.
enum CommandReference {
    struct Entry {
        var name: String
        var text: String
    }

    static let environment: [Entry] = [
        Entry(name: "KEEPSAFE_STORE", text: CommandWords.text("environment.KEEPSAFE_STORE")),
        Entry(name: "XDG_DATA_HOME", text: CommandWords.text("environment.XDG_DATA_HOME")),
        Entry(name: "XDG_STATE_HOME", text: CommandWords.text("environment.XDG_STATE_HOME")),
        Entry(name: "HOME", text: CommandWords.text("environment.HOME")),
        Entry(name: "TERM", text: CommandWords.text("environment.TERM")),
        Entry(name: "NO_COLOR", text: CommandWords.text("environment.NO_COLOR")),
        Entry(name: "LANG, LC_ALL, LC_CTYPE", text: CommandWords.text("environment.LANG")),
        Entry(
            name: "KEEPSAFE_UPDATE_SNAPSHOTS",
            text: CommandWords.text("environment.KEEPSAFE_UPDATE_SNAPSHOTS")),
        Entry(name: "TMPDIR", text: CommandWords.text("environment.TMPDIR")),
    ]

    static let files: [Entry] = [
        Entry(name: "~/.local/share/keepsafe/", text: CommandWords.text("files.store")),
        Entry(name: "STORE/policy.json", text: CommandWords.text("files.policy")),
        Entry(name: "STORE/brand.json", text: CommandWords.text("files.brand")),
        Entry(name: "~/.local/state/keepsafe/device.json", text: CommandWords.text("files.device")),
    ]

    static let exitCodes: [Entry] = [
        Entry(name: "0", text: CommandWords.text("exitCode.0")),
        Entry(name: "1", text: CommandWords.text("exitCode.1")),
        Entry(name: "2", text: CommandWords.text("exitCode.2")),
        Entry(name: "3", text: CommandWords.text("exitCode.3")),
    ]

    /// The entries as an indented help section.
    static func helpSection(_ title: String, _ entries: [Entry], columns: Int = 100) -> String {
        let indent = 26
        var lines = [title]
        for entry in entries {
            var line = "  " + entry.name
            line +=
                line.count < indent
                ? String(repeating: " ", count: indent - line.count)
                : "\n" + String(repeating: " ", count: indent)
            var used = indent
            for word in entry.text.split(separator: " ") {
                if used + word.count > columns, used > indent {
                    line += "\n" + String(repeating: " ", count: indent)
                    used = indent
                } else if used > indent {
                    line += " "
                    used += 1
                }
                line += word
                used += word.count
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The option lines of the portal's own help (the default command), for the root help.
    static func portalOptions() -> String {
        let help = PortalCommand.helpMessage(columns: 100)
        guard let range = help.firstRange(of: "OPTIONS:\n") else { return "" }
        let lines = help[range.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("--help") && !$0.contains("Show help information") }
        var text = lines.joined(separator: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

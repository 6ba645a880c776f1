import ArgumentParser

/// What `keepsafe --help` and the manual page say beyond the options: environment
/// variables, files and exit codes. One list each, so the two cannot disagree.
enum CommandReference {
    struct Entry {
        var name: String
        var text: String
    }

    static let environment: [Entry] = [
        Entry(
            name: "KEEPSAFE_STORE",
            text: "The store folder when --store is not given."),
        Entry(
            name: "XDG_DATA_HOME",
            text: "The store is $XDG_DATA_HOME/keepsafe when neither --store nor KEEPSAFE_STORE is "
                + "given (default ~/.local/share)."),
        Entry(
            name: "XDG_STATE_HOME",
            text: "This device's identity and trusted-device tokens live in "
                + "$XDG_STATE_HOME/keepsafe/device.json (default ~/.local/state)."),
        Entry(name: "HOME", text: "The base of the default folders above."),
        Entry(
            name: "TERM",
            text: "The terminal type for the full-screen portal and phone; dumb and unknown types "
                + "are refused: use --plain there."),
        Entry(
            name: "NO_COLOR",
            text: "When set, no colours (QR codes keep their black and white)."),
        Entry(
            name: "LANG, LC_ALL, LC_CTYPE",
            text: "Without a UTF-8 locale everything is drawn in ASCII."),
        Entry(
            name: "KEEPSAFE_UPDATE_SNAPSHOTS",
            text: "1 makes keepsafe walkthrough write golden snapshots instead of comparing them."),
        Entry(
            name: "TMPDIR",
            text: "Where keepsafe walkthrough makes its temporary stores (default /tmp)."),
    ]

    static let files: [Entry] = [
        Entry(
            name: "~/.local/share/keepsafe/",
            text: "The default store: one JSON document per record (accounts/, companies/, "
                + "invites/, outbox/, push/, phone/), policy.json, VERSION and audit.log."),
        Entry(
            name: "STORE/policy.json",
            text: "Security policies (code lifetimes, lockouts, rate limits, password rules)."),
        Entry(
            name: "STORE/brand.json",
            text: "The portal's name, issuer, colours and announcement (with its link: announcementLink, announcementURL), when present."),
        Entry(
            name: "~/.local/state/keepsafe/device.json",
            text: "This device's random id and its trusted-device tokens (mode 0600)."),
    ]

    static let exitCodes: [Entry] = [
        Entry(name: "0", text: "Success."),
        Entry(name: "1", text: "A failed check or walkthrough."),
        Entry(
            name: "2", text: "Bad usage or input (also: no terminal, or an unsupported one, without --plain)."
        ),
        Entry(name: "3", text: "A store error: corrupt, locked or unwritable."),
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

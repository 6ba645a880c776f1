import ArgumentParser
import KeepsafeBase

/// What the parser alone gets wrong about keepsafe's command line: `--store DIR` written
/// before the command (`keepsafe --store D users list`), and a mistyped command, which
/// the default portal command would otherwise report as an unexpected argument.
enum ArgumentRouting {
    enum Outcome: Equatable {
        /// Parse these arguments; `movedStore` when `--store` was moved after the command.
        case parse([String], movedStore: Bool)
        /// `word` is not a command of `parent` (`""` for keepsafe itself, `"users"`, ...).
        case unknownCommand(word: String, parent: String, known: [String])
    }

    /// Reads the leading command words of `arguments`, moving any `--store DIR` (or
    /// `--store=DIR`) found among them to just after the last one.
    static func route(_ arguments: [String], root: any ParsableCommand.Type = Keepsafe.self) -> Outcome {
        var command = root
        var path: [String] = []
        var store: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--store", index + 1 < arguments.count {
                store += [word, arguments[index + 1]]
                index += 2
                continue
            }
            if word.hasPrefix("--store=") {
                store.append(word)
                index += 1
                continue
            }
            let children = command.configuration.subcommands
            guard !word.hasPrefix("-"), !children.isEmpty else { break }
            if let child = children.first(where: { name(of: $0) == word }) {
                path.append(word)
                command = child
                index += 1
                continue
            }
            if word == "help", ObjectIdentifier(command) == ObjectIdentifier(root) { break }
            let known = children.filter { $0.configuration.shouldDisplay }.map(name(of:))
            return .unknownCommand(word: word, parent: path.joined(separator: " "), known: known)
        }
        guard !path.isEmpty, !store.isEmpty else { return .parse(arguments, movedStore: false) }
        return .parse(path + store + arguments[index...], movedStore: true)
    }

    /// The name a command is called by.
    static func name(of command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }

    /// `unknown command 'frobnicate' (commands: portal, phone, ...)`, with a suggestion
    /// when the word is close to one of them.
    static func unknownCommandMessage(word: String, parent: String, known: [String]) -> String {
        let shown = word.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } ? word : "?"
        let guess = Suggestion.closest(to: word, among: known)
        let list =
            parent.isEmpty
            ? CommandWords.text("commands") : CommandWords.text("subcommands", ["parent": parent])
        let values = [
            "typed": parent.isEmpty ? shown : parent + " " + shown, "guess": guess ?? "", "list": list,
            "known": known.joined(separator: ", "),
        ]
        return CommandWords.text(guess == nil ? "unknownCommand" : "unknownCommandGuess", values)
    }
}

import ArgumentParser
import KeepsafeFlow

/// `keepsafe phone deny [ID]`: taps Deny on a push prompt. A deny is final.
///
///     keepsafe phone deny --json
struct PhoneDenyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deny",
        abstract: "Deny a push log-in request (default: the newest waiting one)."
    )

    @OptionGroup var options: PhoneOptions

    @Flag(name: .long, help: "Print the answered request as JSON.")
    var json = false

    @Argument(help: "The request id (see `keepsafe phone pending`).")
    var id: String?

    func run() throws {
        try PushAnswer.answer(options: options, id: id, json: json) { phone, target in
            try phone.deny(target)
        }
    }
}

import ArgumentParser
import KeepsafeFlow

/// `keepsafe phone deny [ID]`: taps Deny on a push prompt. A deny is final.
///
///     keepsafe phone deny --json
struct PhoneDenyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deny",
        abstract: CommandWords.text("abstract.phone.deny")
    )

    @OptionGroup var options: PhoneOptions

    @OptionGroup var request: PushAnswer.Request

    func run() throws {
        try PushAnswer.answer(options: options, request: request) { phone, target in
            try phone.deny(target)
        }
    }
}

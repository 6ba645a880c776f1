import ArgumentParser

/// `keepsafe phone`: the simulated phone. Without a subcommand it opens the phone's
/// screens in the terminal; the subcommands are one-shot actions for scripts.
///
///     keepsafe phone --number +15551234567
///     keepsafe phone approve --json
struct PhoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phone",
        abstract: CommandWords.text("abstract.phone"),
        discussion: CommandWords.text("discussion.phone"),
        subcommands: [
            PhoneOpenCommand.self,
            PhoneAddCommand.self,
            PhoneCodesCommand.self,
            PhoneInboxCommand.self,
            PhoneMailCommand.self,
            PhonePendingCommand.self,
            PhoneApproveCommand.self,
            PhoneDenyCommand.self,
        ],
        defaultSubcommand: PhoneOpenCommand.self
    )
}

import ArgumentParser

/// `keepsafe phone [--number E164]...`: the phone's screens in the terminal.
struct PhoneOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the phone in the terminal (the default).",
        shouldDisplay: false
    )

    @OptionGroup var options: PhoneOptions

    @Option(
        name: .long,
        help: ArgumentHelp("A number whose SMS this phone receives (E.164; repeatable).", valueName: "E164"))
    var number: [String] = []

    func run() throws {
        throw fail("the interactive phone is not in this build yet", Exit.usage)
    }
}

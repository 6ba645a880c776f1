import ArgumentParser
import KeepsafeFlow

/// `keepsafe phone add URI`: what scanning a QR code does on a real phone.
///
///     keepsafe phone add 'otpauth://totp/Keepsafe:alice@example.com?secret=...&issuer=Keepsafe'
struct PhoneAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: CommandWords.text("abstract.phone.add"),
        discussion: CommandWords.text("discussion.phone.add")
    )

    @OptionGroup var options: PhoneOptions

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.add.json")))
    var json = false

    @Argument(help: ArgumentHelp(CommandWords.text("help.phone.add.uri")))
    var uri: String

    func run() throws {
        let account: PhoneAccount
        do {
            account = try options.phone().add(uri: uri)
        } catch {
            throw phoneFailure(error)
        }
        if json {
            try printJSON(AccountOutput(account))
        } else {
            let values = ["label": Sanitizer.clean(account.label)]
            print(CommandWords.text(account.kind == .push ? "phonePushAdded" : "phoneAccountAdded", values))
        }
    }
}

/// An account as the phone's `--json` output shows it (never its secret).
struct AccountOutput: Encodable {
    var kind: String
    var issuer: String?
    var account: String
    var label: String
    var addedAt: String

    init(_ account: PhoneAccount) {
        kind = account.kind.rawValue
        issuer = account.issuer
        self.account = account.account
        label = account.label
        addedAt = PhoneTime.iso(account.addedAt)
    }
}

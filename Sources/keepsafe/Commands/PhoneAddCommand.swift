import ArgumentParser
import KeepsafeFlow

/// `keepsafe phone add URI`: what scanning a QR code does on a real phone.
///
///     keepsafe phone add 'otpauth://totp/Keepsafe:alice@example.com?secret=...&issuer=Keepsafe'
struct PhoneAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account from an otpauth URI, a push enrollment URI or a push enrollment code.",
        discussion: """
            An otpauth://totp or otpauth://hotp URI becomes an authenticator account. A push \
            enrollment URI (with enrollment_tx_id) enrolls the phone's push app: the portal \
            showing that QR code notices and moves on. The push enrollment code shown under \
            "Can't scan?" (groups of four letters and digits) does the same as its QR code.
            """
    )

    @OptionGroup var options: PhoneOptions

    @Flag(name: .long, help: "Print the added account as JSON.")
    var json = false

    @Argument(help: "The URI the QR code encodes, or the push enrollment code.")
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
            let what = account.kind == .push ? "push app enrolled for" : "authenticator account added:"
            print("\(what) \(Sanitizer.clean(account.label))")
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

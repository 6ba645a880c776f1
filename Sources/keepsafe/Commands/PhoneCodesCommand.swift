import ArgumentParser
import KeepsafeFlow

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe phone codes`: every authenticator account with its current code.
///
///     keepsafe phone codes --json
///     keepsafe phone codes --skew 90s      # a phone whose clock runs fast
struct PhoneCodesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: CommandWords.text("abstract.phone.codes"),
        discussion: CommandWords.text("discussion.phone.codes")
    )

    @OptionGroup var options: PhoneOptions

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.codes.json")))
    var json = false

    func run() throws {
        let phone = try options.phone(existing: true)
        let entries: [AuthenticatorEntry]
        do {
            entries = try phone.entries()
        } catch {
            throw phoneFailure(error)
        }
        if json {
            try printJSON(
                Output(
                    time: PhoneTime.iso(phone.phoneTime), skew: phone.skew,
                    accounts: entries.map(Entry.init)))
            return
        }
        if entries.isEmpty {
            print(CommandWords.text("noPhoneAccounts"))
        }
        for entry in entries {
            let label = Sanitizer.clean(entry.account.label)
            if let code = entry.code, let left = entry.secondsRemaining {
                print("\(code)  \(label)  " + CommandWords.text("secondsLeft", ["left": "\(left)"]))
            } else {
                print(
                    "hotp    \(label)  "
                        + CommandWords.text("hotpCounter", ["counter": "\(entry.counter ?? 0)"]))
            }
        }
    }

    struct Output: Encodable {
        var time: String
        var skew: Double
        var accounts: [Entry]
    }

    struct Entry: Encodable {
        var kind: String
        var type: String
        var issuer: String?
        var account: String
        var label: String
        var code: String?
        var period: Int?
        var secondsLeft: Int?
        var counter: UInt64?

        init(_ entry: AuthenticatorEntry) {
            kind = entry.account.kind.rawValue
            type = entry.code == nil ? "hotp" : "totp"
            issuer = entry.account.issuer
            account = entry.account.account
            label = entry.account.label
            code = entry.code
            period = entry.period
            secondsLeft = entry.secondsRemaining
            counter = entry.counter
        }
    }
}

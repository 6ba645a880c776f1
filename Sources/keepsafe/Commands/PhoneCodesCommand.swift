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
        abstract: "Show the authenticator codes the phone displays now.",
        discussion: """
            TOTP codes are computed at the phone's time (the --clock time plus --skew). HOTP \
            accounts show their counter; `keepsafe otp` computes one code from a URI.
            """
    )

    @OptionGroup var options: PhoneOptions

    @Flag(name: .long, help: "Print JSON: the phone's time and each account with its code.")
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

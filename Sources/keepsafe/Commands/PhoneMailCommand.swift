import ArgumentParser
import KeepsafeFlow
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe phone mail EMAIL`: invitations and security notices to an address.
///
///     keepsafe phone mail alice@example.com --json
struct PhoneMailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: CommandWords.text("abstract.phone.mail")
    )

    @OptionGroup var options: PhoneOptions

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.mail.json")))
    var json = false

    @Argument(help: ArgumentHelp(CommandWords.text("help.phone.mail.email")))
    var email: String

    func run() throws {
        let mails: [MailMessage]
        do {
            mails = try options.phone(existing: true).mail(to: email)
        } catch {
            throw phoneFailure(error)
        }
        if json {
            try printJSON(Output(email: email.lowercased(), messages: mails.map(Entry.init)))
            return
        }
        if mails.isEmpty { print(CommandWords.text("noMailTo", ["email": Sanitizer.clean(email)])) }
        for mail in mails {
            print("\(PhoneTime.iso(mail.sentAt))  \(Sanitizer.clean(mail.subject))")
        }
    }

    struct Output: Encodable {
        var email: String
        var messages: [Entry]
    }

    struct Entry: Encodable {
        var id: String
        var to: String
        var subject: String
        var body: String
        var sentAt: String

        init(_ mail: MailMessage) {
            id = mail.id
            to = mail.to
            subject = mail.subject
            body = mail.body
            sentAt = PhoneTime.iso(mail.sentAt)
        }
    }
}

import ArgumentParser
import KeepsafeFlow
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe phone inbox NUMBER`: the SMS delivered to a number, newest first.
///
///     keepsafe phone inbox +15551234567 --json
struct PhoneInboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: CommandWords.text("abstract.phone.inbox"),
        discussion: CommandWords.text("discussion.phone.inbox")
    )

    @OptionGroup var options: PhoneOptions

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.inbox.json")))
    var json = false

    @Argument(help: ArgumentHelp(CommandWords.text("help.phone.inbox.number")))
    var number: String

    func validate() throws {
        guard PhoneNumberText.isE164(number) else {
            throw fail(CommandWords.text("notE164", ["number": Sanitizer.clean(number)]), Exit.usage)
        }
    }

    func run() throws {
        let messages: [SMSMessage]
        do {
            messages = try options.phone(existing: true).messages(to: number)
        } catch {
            throw phoneFailure(error)
        }
        if json {
            try printJSON(Output(number: number, messages: messages.map(Entry.init)))
            return
        }
        if messages.isEmpty { print(CommandWords.text("noMessagesTo", ["number": Sanitizer.clean(number)])) }
        for message in messages {
            print("\(PhoneTime.iso(message.deliverAt))  \(Sanitizer.clean(message.body))")
        }
    }

    struct Output: Encodable {
        var number: String
        var messages: [Entry]
    }

    struct Entry: Encodable {
        var id: String
        var to: String
        var body: String
        var sentAt: String
        var receivedAt: String
        var code: String?

        init(_ message: SMSMessage) {
            id = message.id
            to = message.to
            body = message.body
            sentAt = PhoneTime.iso(message.sentAt)
            receivedAt = PhoneTime.iso(message.deliverAt)
            code = Phone.highlightedCode(in: message.body)
        }
    }
}

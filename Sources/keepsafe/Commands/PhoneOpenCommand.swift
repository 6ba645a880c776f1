import ArgumentParser
import KeepsafeFlow
import TerminalUI

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `keepsafe phone [--number E164]...`: the phone's screens in the terminal, drawn by the
/// same front end as the portal.
///
///     keepsafe phone --store /tmp/demo --number +447700900123
struct PhoneOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: CommandWords.text("abstract.phone.open"),
        discussion: CommandWords.text("discussion.phone.open")
    )

    @OptionGroup var options: PhoneOptions

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.open.number"), valueName: "E164"))
    var number: [String] = []

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.open.email"), valueName: "EMAIL"))
    var email: [String] = []

    @OptionGroup var display: DisplayOptions

    func run() throws {
        let theme = try display.themeChoice()
        if let bad = number.first(where: { !PhoneNumberText.isE164($0) }) {
            throw fail(CommandWords.text("badNumber", ["number": bad]), Exit.usage)
        }
        try display.requireTerminal()
        let (phone, store) = try options.phoneAndStore(numbers: number)
        let session = PhoneSession(phone: phone, emails: email)
        var configuration = FrontEndConfiguration(
            theme: theme, plain: display.plain, recordPath: display.record,
            portalName: Strings.bundled["terminal.sideBySide.phoneTitle"], brandColors: [:])
        configuration.wakeOnChanges(of: store)
        do {
            _ = try FrontEnd.run(session, configuration: configuration)
        } catch let error as TerminalError {
            throw fail(error.description, Exit.usage)
        } catch let error as AsciicastWriter.Failure {
            throw fail(error.description, Exit.usage)
        }
    }
}

/// The shape of an E.164 number: `+`, then 7 to 15 digits, the first not 0.
enum PhoneNumberText {
    static func isE164(_ text: String) -> Bool {
        guard text.first == "+" else { return false }
        let digits = text.dropFirst()
        return (7...15).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
            && digits.first != "0"
    }
}

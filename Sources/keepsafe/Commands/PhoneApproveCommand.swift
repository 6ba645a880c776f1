import ArgumentParser
import KeepsafeFlow
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe phone approve [ID] [--match N]`: taps Approve on a push prompt.
///
///     keepsafe phone approve                # the newest waiting request
///     keepsafe phone approve --match 42     # number matching: the number the portal shows
struct PhoneApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve",
        abstract: CommandWords.text("abstract.phone.approve"),
        discussion: CommandWords.text("discussion.phone.approve")
    )

    @OptionGroup var options: PhoneOptions

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.approve.match"), valueName: "N"))
    var match: Int?

    @OptionGroup var request: PushAnswer.Request

    func run() throws {
        try PushAnswer.answer(options: options, request: request) { phone, target in
            try phone.approve(target, number: match)
        }
    }
}

/// What `approve` and `deny` share: pick the request, answer it, report what happened.
enum PushAnswer {
    /// Which request to answer, and how to report it.
    struct Request: ParsableArguments {
        @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.answer.json")))
        var json = false

        @Argument(help: ArgumentHelp(CommandWords.text("help.phone.answer.id")))
        var id: String?
    }

    static func answer(
        options: PhoneOptions, request: Request, _ body: (Phone, String) throws -> Void
    ) throws {
        let id = request.id
        let json = request.json
        let phone = try options.phone()
        let store = try options.openStore()
        var failure: (any Error)?
        let target: String
        do {
            if let id {
                target = id
            } else {
                guard let newest = try phone.pendingPushRequests().first else {
                    throw PhoneError.noPendingRequest
                }
                target = newest.id
            }
            do {
                try body(phone, target)
            } catch let error as PhoneError {
                // A number-matching miss still answered the request (denied): report both.
                guard case .numberMismatch = error else { throw error }
                failure = error
            }
        } catch {
            throw phoneFailure(error)
        }
        let answered = try? store.read(PushRequest.self, key: target)
        if let answered {
            if json {
                try printJSON(PushOutput(answered, now: phone.portalTime))
            } else {
                print(
                    "\(answered.status.rawValue): \(Sanitizer.clean(answered.account)) from \(Sanitizer.clean(answered.device))"
                )
            }
        }
        if let failure { throw phoneFailure(failure) }
    }
}

import ArgumentParser
import KeepsafeFlow
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe phone pending`: the push log-in requests waiting on this phone.
///
///     keepsafe phone pending --json
struct PhonePendingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pending",
        abstract: CommandWords.text("abstract.phone.pending")
    )

    @OptionGroup var options: PhoneOptions

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.phone.pending.json")))
    var json = false

    func run() throws {
        let phone = try options.phone(existing: true)
        let requests: [PushRequest]
        do {
            requests = try phone.pendingPushRequests()
        } catch {
            throw phoneFailure(error)
        }
        if json {
            try printJSON(requests.map { PushOutput($0, now: phone.portalTime) })
            return
        }
        if requests.isEmpty { print(CommandWords.text("noPendingPush")) }
        for request in requests {
            let match = request.numberToMatch.map { "  number \($0)" } ?? ""
            print(
                "\(Sanitizer.clean(request.id))  \(Sanitizer.clean(request.account))  from \(Sanitizer.clean(request.device)), "
                    + "\(Sanitizer.clean(request.place))\(match)")
        }
    }
}

/// A push request as the phone's `--json` output shows it.
struct PushOutput: Encodable {
    var id: String
    var kind: String
    var account: String
    var status: String
    var device: String
    var place: String
    var createdAt: String
    var expiresAt: String
    var respondedAt: String?
    var numberToMatch: Int?

    init(_ request: PushRequest, now: Date) {
        id = request.id
        kind = request.kind.rawValue
        account = request.account
        status = request.status == .pending && now >= request.expiresAt ? "expired" : request.status.rawValue
        device = request.device
        place = request.place
        createdAt = PhoneTime.iso(request.createdAt)
        expiresAt = PhoneTime.iso(request.expiresAt)
        respondedAt = request.respondedAt.map(PhoneTime.iso)
        numberToMatch = request.numberToMatch
    }
}

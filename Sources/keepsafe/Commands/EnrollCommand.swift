import ArgumentParser
import KeepsafeBase
import KeepsafeFlow
import KeepsafeStore
import TerminalUI

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `keepsafe enroll`: "Keep Your Account Safe" for the local user at a first log-in
/// (an sshd ForceCommand or a profile hook), without the portal password.
///
///     sudo keepsafe enroll --store /var/lib/keepsafe --domain example.com
struct EnrollCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: CommandWords.text("abstract.enroll"),
        discussion: CommandWords.text("discussion.enroll")
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.enroll.domain"), valueName: "DOMAIN"))
    var domain: String?

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.enroll.user"), valueName: "USER"))
    var user: String?

    @Flag(help: ArgumentHelp(CommandWords.text("help.enroll.plain")))
    var plain = false

    func run() throws {
        let strings = Strings.bundled
        let name = try systemUser()
        if !plain && (isatty(STDIN_FILENO) != 1 || isatty(STDOUT_FILENO) != 1) {
            throw fail(TerminalError.notATerminal.description, Exit.usage)
        }
        let store = try storeOptions.openStore(existing: true)
        let path = storeOptions.path
        let outcome: PortalSession.SystemEnrollment
        let email: String
        let brand: Brand
        do {
            guard let key = try SystemLogin.accountKey(user: name, domain: domain ?? "", store: store) else {
                throw fail(CommandWords.text("noSystemAccount", ["user": name]), Exit.usage)
            }
            email = key
            brand = (try? Brand.resolve(storePath: path)) ?? .bundled
            let environment = PortalEnvironment(
                clock: SystemClock(), deviceName: PortalEnvironment.hostName, keyring: InMemoryKeyring(),
                brand: brand, storeIdentity: path)
            outcome = try PortalSession.systemEnrollment(
                store: store, environment: environment, email: key,
                displayName: Self.fullName(of: name) ?? name,
                domain: domain ?? String(key.split(separator: "@").last ?? ""))
        } catch let code as ExitCode {
            throw code
        } catch {
            throw storeFailure(error)
        }
        let session: PortalSession
        switch outcome {
        case .alreadyEnrolled(let email):
            StandardStream.output(strings.format("enroll.alreadyEnrolled", ["email": email]) + "\n")
            return
        case .session(let opened): session = opened
        }
        var configuration = FrontEndConfiguration(
            theme: .auto, plain: plain, recordPath: nil, portalName: brand.portalName, maskSecrets: true,
            brandColors: brand.colors)
        configuration.wakeOnChanges(of: store)
        do {
            _ = try FrontEnd.run(session, configuration: configuration)
        } catch let error as TerminalError {
            throw fail(error.description, Exit.usage)
        }
        let account = try? store.read(Account.self, key: email)
        guard let account, !account.activeFactors.isEmpty, !account.mfaRequiredAtNextLogin,
            account.recoveryCodeRenewalDue != true
        else {
            throw fail(strings["enroll.unfinished"], Exit.failed)
        }
        StandardStream.output(strings["enroll.done"] + "\n")
    }

    /// The user to enroll: the invoking user (SUDO_USER when root runs it through sudo),
    /// or `--user`, which only root outside sudo may give for someone else.
    private func systemUser() throws -> String {
        let uid = getuid()
        let own = Self.userName(uid: uid)
        let sudoUser = ProcessInfo.processInfo.environment["SUDO_USER"].flatMap { $0.isEmpty ? nil : $0 }
        let invoking = uid == 0 ? (sudoUser ?? own) : own
        guard let invoking else { throw fail(CommandWords.text("unknownInvokingUser"), Exit.usage) }
        guard let user, user != invoking else { return invoking }
        guard uid == 0, sudoUser == nil else { throw fail(Strings.bundled["enroll.userRefused"], Exit.usage) }
        return user
    }

    static func userName(uid: uid_t) -> String? {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// The GECOS full name of `user`, when it has one.
    static func fullName(of user: String) -> String? {
        guard let entry = getpwnam(user), let gecos = entry.pointee.pw_gecos else { return nil }
        let name = String(cString: gecos).split(separator: ",", omittingEmptySubsequences: false).first ?? ""
        let clean = Sanitizer.line(String(name)).trimmingWhitespace
        return clean.isEmpty ? nil : clean
    }
}

import ArgumentParser
import KeepsafeBase
import KeepsafeFlow
import KeepsafePostgres
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `keepsafe pam --store STORE --domain example.com`: the second factor of a system
/// log-in, for `pam_exec`:
///
///     auth required pam_exec.so expose_authtok quiet /usr/local/bin/keepsafe pam --store /var/lib/keepsafe --domain example.com
struct PAMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pam",
        abstract: CommandWords.text("abstract.pam"),
        discussion: CommandWords.text("discussion.pam")
    )

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.pam.store"), valueName: "DIR"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp(CommandWords.text("help.pam.domain"), valueName: "DOMAIN"))
    var domain: String

    @Option(
        name: .customLong("push-wait"),
        help: ArgumentHelp(
            CommandWords.text("help.pam.pushWait"),
            valueName: "SECONDS"))
    var pushWait: Int = 60

    @Flag(name: .long, help: ArgumentHelp(CommandWords.text("help.pam.nullok")))
    var nullok = false

    func run() throws {
        let strings = Strings.bundled
        let environment = ProcessInfo.processInfo.environment
        guard let user = environment["PAM_USER"], !user.isEmpty else {
            throw fail(strings["pam.missingUser"], Exit.failed)
        }
        let service = environment["PAM_SERVICE"] ?? ""
        let remoteHost = environment["PAM_RHOST"] ?? ""
        let typed = Self.readAuthToken()
        let path = store ?? FileStore.defaultPath()
        let login: SystemLogin
        let notifying: PostgresStore?
        do {
            let opened: any DocumentStore =
                PostgresEndpoint.isURL(path)
                ? try PostgresStore(url: path, createIfMissing: false)
                : try FileStore(path: path, createIfMissing: false)
            let brand = (try? Brand.resolve(storePath: path)) ?? Brand.bundled
            let device =
                remoteHost.isEmpty
                ? strings.format("pam.localDevice", ["service": service])
                : strings.format("pam.device", ["service": service, "rhost": remoteHost])
            let portal = PortalEnvironment(
                clock: SystemClock(), deviceName: Sanitizer.line(device), keyring: InMemoryKeyring(),
                brand: brand,
                storeIdentity: path)
            login = try SystemLogin(
                store: opened, environment: portal, service: service, remoteHost: remoteHost)
            notifying = opened as? PostgresStore
        } catch {
            throw Self.failClosed("\(error)")
        }
        let request = SystemLogin.Request(
            user: user, domain: domain, service: service, remoteHost: remoteHost, typed: typed)
        let outcome: SystemLogin.Outcome
        do {
            outcome = try login.authenticate(
                request, pushWait: TimeInterval(max(1, pushWait)),
                onPush: { prompt in
                    let line =
                        prompt.numberToMatch.map {
                            strings.format("pam.numberToMatch", ["number": String($0)])
                        }
                        ?? strings["pam.pushSent"]
                    StandardStream.output(line + "\n")
                    // The phone's answer wakes the wait below at once (LISTEN/NOTIFY).
                    try? notifying?.startListening()
                },
                pause: { seconds in
                    // Until the store reports a change or `seconds` pass; if it cannot be
                    // listened to, the rest is slept (the next poll reads the answer anyway).
                    let started = Date()
                    if let notifying, (try? notifying.waitForChange(timeout: seconds)) != nil { return }
                    let left = seconds - Date().timeIntervalSince(started)
                    if left > 0 { usleep(UInt32(left * 1_000_000)) }
                })
        } catch {
            throw Self.failClosed("\(error)")
        }
        switch outcome {
        case .accepted: return
        case .notEnrolled where nullok: return
        case .notEnrolled, .refused: throw fail(strings["pam.refused"], Exit.failed)
        }
    }

    /// One line of stdin, up to NUL or newline (pam_exec's expose_authtok writes the
    /// token and a NUL); at most 1 KiB is read, and nothing blocks once stdin ends.
    static func readAuthToken() -> String {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count < 1024, read(STDIN_FILENO, &byte, 1) == 1 {
            if byte == 0 || byte == 10 || byte == 13 { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The store cannot be used: refuse (exit 1), saying why on stderr and in syslog.
    static func failClosed(_ reason: String) -> ExitCode {
        let line = Strings.bundled.format("pam.storeUnavailable", ["reason": Sanitizer.line(reason)])
        SystemLog.error(line)
        return fail(line, Exit.failed)
    }
}

/// syslog(3) under the ident `keepsafe`, facility authpriv (where sshd and sudo log).
enum SystemLog {
    nonisolated(unsafe) private static let ident: UnsafeMutablePointer<CChar>? = strdup("keepsafe")

    static func error(_ message: String) {
        openlog(ident, LOG_PID, LOG_AUTHPRIV)
        message.withCString { text in
            withVaList([text]) { vsyslog(LOG_ERR, "%s", $0) }
        }
        closelog()
    }
}

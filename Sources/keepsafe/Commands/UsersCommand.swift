import ArgumentParser
import KeepsafeFlow
import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `keepsafe users ...`: list and administer accounts.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: CommandWords.text("abstract.users"),
        discussion: CommandWords.text("discussion.users"),
        subcommands: [List.self, Show.self, ResetMFA.self, Unlock.self, Link.self]
    )

    /// `users list`: one line per account.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.users.list"))

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: ArgumentHelp(CommandWords.text("help.users.list.json"))) var json = false

        func run() throws {
            let store = try storeOptions.openStore(existing: true)
            let now = Date()
            var reports: [AccountReport] = []
            var firstError: Error?
            let names: CompanyNames
            let keys: [String]
            do {
                names = CompanyNames(store: store)
                keys = try store.keys(of: Account.self)
            } catch {
                throw storeFailure(error)
            }
            // A corrupt account is reported after the others, which still list.
            for key in keys {
                do {
                    guard let account = try store.read(Account.self, key: key) else { continue }
                    reports.append(AccountReport(account, companyName: names[account.company], at: now))
                } catch {
                    firstError = firstError ?? error
                }
            }
            if json {
                AdminOutput.print(try AdminOutput.json(reports))
            } else if reports.isEmpty {
                AdminOutput.print(CommandWords.text("noAccounts"))
            } else {
                AdminOutput.print(
                    AdminOutput.table(
                        ["email", "name", "company", "mfa", "state"].map {
                            CommandWords.text("users.column." + $0)
                        },
                        reports.map { report in
                            [
                                Sanitizer.clean(report.email), Sanitizer.clean(report.displayName),
                                Sanitizer.clean(report.companyName ?? report.company), Self.methods(report),
                                Self.state(report),
                            ]
                        }))
            }
            if let firstError { throw storeFailure(firstError) }
        }

        /// `totp*, sms` (`*` the preferred one, pending ones marked), or `none`.
        static func methods(_ report: AccountReport) -> String {
            let parts = report.factors.map { factor in
                let method = factor.kind + (factor.preferred ? "*" : "")
                return factor.state == "pending"
                    ? CommandWords.text("users.pending", ["method": method]) : method
            }
            return parts.isEmpty ? CommandWords.text("users.none") : parts.joined(separator: ", ")
        }

        static func state(_ report: AccountReport) -> String {
            var parts: [String] = []
            if report.locked {
                parts.append(
                    CommandWords.text("users.lockedUntil", ["time": AdminOutput.time(report.lockedUntil)]))
            }
            if report.mfaRequired { parts.append(CommandWords.text("users.mustSetUpMFA")) }
            return parts.isEmpty ? CommandWords.text("users.ok") : parts.joined(separator: "; ")
        }
    }

    /// `users show EMAIL`: everything about one account but its secrets.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.users.show"))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(CommandWords.text("help.users.show.email"))) var email: String
        @Flag(help: ArgumentHelp(CommandWords.text("help.users.show.json"))) var json = false

        func run() throws {
            let store = try storeOptions.openStore(existing: true)
            let account = try readAccount(store, email)
            let report = AccountReport(
                account, companyName: CompanyNames(store: store)[account.company], at: Date())
            let sandbox: Bool
            do { sandbox = try store.policy().sandbox } catch { throw storeFailure(error) }
            AdminOutput.print(
                json ? try Self.json(report, sandbox: sandbox) : Self.text(report, sandbox: sandbox))
        }

        /// The report as JSON, with `"sandbox"`: whether the account lives in a sandbox store.
        static func json(_ report: AccountReport, sandbox: Bool) throws -> String {
            try AdminOutput.json(SandboxedReport(report: report, sandbox: sandbox))
        }

        /// The report's fields and `sandbox` side by side in one JSON object.
        private struct SandboxedReport: Encodable {
            var report: AccountReport
            var sandbox: Bool
            enum Key: String, CodingKey { case sandbox }
            func encode(to encoder: any Encoder) throws {
                try report.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(sandbox, forKey: .sandbox)
            }
        }

        static func text(_ report: AccountReport, sandbox: Bool = false) -> String {
            func word(_ key: String, _ values: [String: String] = [:]) -> String {
                CommandWords.text("users." + key, values)
            }
            let company = report.companyName.map { word("company", ["name": $0, "key": report.company]) }
            let rows: [(key: String, value: String?)] = [
                ("store", word(sandbox ? "sandboxStore" : "realStore")),
                ("email", Sanitizer.clean(report.email)),
                ("name", Sanitizer.clean(report.displayName)),
                ("company", Sanitizer.clean(company ?? report.company)),
                ("created", AdminOutput.time(report.createdAt)),
                ("mfa", word(report.mfaRequired ? "mfaRequired" : "mfaConfigured")),
                ("recoveryCode", word(report.hasRecoveryCode ? "set" : "none")),
                (
                    "failedLogins",
                    word(
                        "failedLogins",
                        ["failed": "\(report.failedLogins)", "lockouts": "\(report.lockouts)"])
                ),
                (
                    "locked",
                    report.locked ? word("until", ["time": AdminOutput.time(report.lockedUntil)]) : word("no")
                ),
                ("methods", report.factors.isEmpty ? word("none") : nil),
                ("trustedDevices", report.trustedDevices.isEmpty ? word("none") : nil),
            ]
            let fields = rows.map { (label: word("label." + $0.key), value: $0.value) }
            // The values line up one column after the longest label.
            let width = (fields.map(\.label.count).max() ?? 0) + 2
            func line(_ field: (label: String, value: String?)) -> String {
                guard let value = field.value else { return field.label }
                return field.label + String(repeating: " ", count: width - field.label.count) + value
            }
            var lines = fields.dropLast(2).map(line)
            lines.append(line(fields[fields.count - 2]))
            for factor in report.factors {
                var detail = [
                    factor.kind + (factor.preferred ? "*" : ""), factor.state,
                    word("factorID", ["id": Sanitizer.clean(factor.id)]),
                ]
                if let number = factor.phoneNumber { detail.append(Sanitizer.clean(number)) }
                if let device = factor.pushDeviceName {
                    detail.append(word("factorDevice", ["name": Sanitizer.clean(device)]))
                }
                if factor.consecutiveFailures > 0 {
                    detail.append(word("wrongCodes", ["count": "\(factor.consecutiveFailures)"]))
                }
                if let until = factor.lockedUntil {
                    detail.append(word("lockedUntil", ["time": AdminOutput.time(until)]))
                }
                lines.append("  - " + detail.joined(separator: ", "))
            }
            lines.append(line(fields[fields.count - 1]))
            for device in report.trustedDevices {
                let values = [
                    "name": Sanitizer.clean(device.name), "until": AdminOutput.time(device.expiresAt),
                    "lastUsed": AdminOutput.time(device.lastUsedAt),
                ]
                lines.append("  - " + word("trustedDevice", values))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// `users reset-mfa EMAIL`.
    struct ResetMFA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-mfa",
            abstract: CommandWords.text("abstract.users.resetMFA"),
            discussion: CommandWords.text("discussion.users.resetMFA"))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(CommandWords.text("help.users.resetMFA.email"))) var email: String
        @Flag(help: ArgumentHelp(CommandWords.text("help.users.resetMFA.json"))) var json = false

        func run() throws {
            try changeAccount(storeOptions, email, json: json) { store, now in
                // A broken brand file must not stop an administrator: the bundled one serves.
                let brand =
                    ((store as? FileStore).flatMap { try? Brand.resolve(storePath: $0.path) })
                    ?? Brand.bundled
                return try AccountAdmin.resetMFA(store, email: email, at: now) { tx, account in
                    // F9: the user hears of it by mail, in the words of the strings file.
                    try tx.create(
                        Outbox.noticeMail(
                            "mfaDisabled", to: account.email, brand: brand, strings: .bundled, at: now))
                }
            } done: { account in
                CommandWords.text("mfaReset", ["email": Sanitizer.clean(account.email)])
            }
        }
    }

    /// `users unlock EMAIL`.
    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.users.unlock"),
            discussion: CommandWords.text("discussion.users.unlock"))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(CommandWords.text("help.users.unlock.email"))) var email: String
        @Flag(help: ArgumentHelp(CommandWords.text("help.users.unlock.json"))) var json = false

        func run() throws {
            try changeAccount(storeOptions, email, json: json) { store, now in
                try AccountAdmin.unlock(store, email: email, at: now)
            } done: { account in
                CommandWords.text("unlocked", ["email": Sanitizer.clean(account.email)])
            }
        }
    }
}

extension UsersCommand {
    /// `users link EMAIL USER`.
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: CommandWords.text("abstract.users.link"),
            discussion: CommandWords.text("discussion.users.link"))

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp(CommandWords.text("help.users.link.email"))) var email: String
        @Argument(help: ArgumentHelp(CommandWords.text("help.users.link.user"))) var user: String

        func run() throws {
            let store = try storeOptions.openStore(existing: true)
            let account = try readAccount(store, email)
            guard !user.isEmpty, user.count <= 256, !user.contains("/"), user.allSatisfy({ !$0.isWhitespace })
            else {
                throw fail(
                    CommandWords.text("noSuchUserName", ["user": Sanitizer.clean(user.debugDescription)]),
                    Exit.usage)
            }
            let previous: String?
            do {
                previous = try SystemLogin.link(user: user, to: account.email, store: store, at: Date())
            } catch {
                throw storeFailure(error)
            }
            let values = ["email": Sanitizer.clean(account.email), "user": Sanitizer.clean(user)]
            if let previous {
                AdminOutput.print(
                    Strings.bundled.format(
                        "users.unlinked", ["email": Sanitizer.clean(previous), "user": values["user"] ?? ""]))
            }
            AdminOutput.print(Strings.bundled.format("users.linked", values))
        }
    }
}

/// The account for an email typed on the command line.
/// - Throws: exit 2 (no such account) or exit 3 (a store error), after one line on stderr.
private func readAccount(_ store: any DocumentStore, _ email: String) throws -> Account {
    let key = AccountAdmin.accountKey(email)
    let account: Account?
    do {
        account = try store.read(Account.self, key: key)
    } catch StoreError.invalidKey {
        throw fail(
            CommandWords.text("noAccount", ["email": Sanitizer.clean(email.debugDescription)]), Exit.usage)
    } catch {
        throw storeFailure(error)
    }
    guard let account else {
        throw fail(
            CommandWords.text("noAccount", ["email": Sanitizer.clean(key.debugDescription)]), Exit.usage)
    }
    return account
}

/// What `users reset-mfa` and `users unlock` share: the account must exist, `change`
/// makes the change (a store error is exit 3), then the account after it is printed as
/// JSON (`--json`) or as the line `done` makes.
private func changeAccount(
    _ storeOptions: StoreOptions, _ email: String, json: Bool,
    _ change: (any DocumentStore, Date) throws -> Account, done: (Account) -> String
) throws {
    let store = try storeOptions.openStore(existing: true)
    let now = Date()
    _ = try readAccount(store, email)
    let account: Account
    do {
        account = try change(store, now)
    } catch {
        throw storeFailure(error)
    }
    AdminOutput.print(
        json ? try AdminOutput.json(AccountReport(account, companyName: nil, at: now)) : done(account))
}

/// Company display names by key, read once each.
private final class CompanyNames {
    private let store: any DocumentStore
    private var names: [String: String?] = [:]

    init(store: any DocumentStore) { self.store = store }

    subscript(key: String) -> String? {
        if let cached = names[key] { return cached }
        let name = (try? store.read(Company.self, key: key))??.name
        names[key] = name
        return name
    }
}

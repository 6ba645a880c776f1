import Foundation
import TestSupport
import Testing

/// `keepsafe users ...` and `keepsafe store ...` against stores written by hand, as the
/// documented on-disk format says.
@Suite("keepsafe users and store commands")
struct StoreCommandTests {
    /// Secret values planted in the fixture; none may ever be printed.
    static let secrets = [
        "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "pbkdf2hashvalueSECRET", "recoveryhashSECRET",
        "devicetokenhashSECRET",
        "challengehashSECRET", "123987",
    ]

    /// A store with the policy made by `keepsafe`, one company and one locked account
    /// with a TOTP factor, a trusted device, a challenge and an SMS holding a code.
    private func makeStore() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory(prefix: "keepsafe-e2e-store")
        let store = directory.path + "/store"
        let created = try BuiltProducts.runKeepsafe(["store", "init", store])
        #expect(created.status == 0, "\(created.stderr)")
        let account = """
            {"schemaVersion": 1, "email": "carol@example.com", "displayName": "Carol \\u001b[31mRed",
             "company": "acme", "passwordHash": "$pbkdf2-sha256$i=1000$c2FsdA$pbkdf2hashvalueSECRET",
             "createdAt": "2026-05-01T09:00:00.000Z",
             "factors": [{"id": "f1", "kind": "totp", "state": "active", "createdAt": "2026-05-01T09:00:00Z",
                          "totpSecret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "consecutiveFailures": 10,
                          "lockedUntil": "2999-01-01T00:00:00Z"},
                         {"id": "f2", "kind": "sms", "state": "active", "createdAt": "2026-05-01T09:00:00Z",
                          "phoneNumber": "+15551234567", "consecutiveFailures": 0}],
             "preferredFactorID": "f1", "recoveryCodeHash": "recoveryhashSECRET",
             "trustedDevices": [{"id": "d1", "name": "laptop", "tokenHash": "devicetokenhashSECRET",
                                 "createdAt": "2026-05-01T09:00:00Z", "expiresAt": "2999-01-01T00:00:00Z"}],
             "pendingChallenge": {"id": "c1", "factorID": "f2", "codeHash": "challengehashSECRET",
                                  "issuedAt": "2026-05-01T09:00:00Z", "expiresAt": "2999-01-01T00:00:00Z",
                                  "wrongAttempts": 0, "used": false},
             "mfaRequiredAtNextLogin": false, "failedLogins": 10, "lockouts": 2,
             "lockedUntil": "2999-01-01T00:00:00Z", "smsSentAt": [], "pushRequestedAt": [],
             "announcementDismissed": false}
            """
        try write(store, "accounts/carol@example.com.json", account)
        try write(
            store, "companies/acme.json",
            #"{"schemaVersion": 1, "id": "acme", "name": "Acme", "createdAt": "2026-05-01T09:00:00Z"}"#)
        try write(
            store, "outbox/sms/m1.json",
            #"{"schemaVersion": 1, "id": "m1", "to": "+15551234567", "body": "Your verification code is 123987.", "sentAt": "2026-05-01T09:00:00Z", "deliverAt": "2026-05-01T09:00:00Z", "lost": false}"#
        )
        return (directory, store)
    }

    private func write(_ store: String, _ relative: String, _ text: String) throws {
        let path = store + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    private func run(_ arguments: [String]) throws -> Subprocess.Result {
        try BuiltProducts.runKeepsafe(arguments)
    }

    private func expectNoSecrets(_ text: String, _ context: String) {
        for secret in Self.secrets { #expect(!text.contains(secret), "\(context) printed \(secret)") }
    }

    @Test("users list and show describe accounts without secrets or escape sequences")
    func listAndShow() throws {
        let (directory, store) = try makeStore()
        defer { directory.remove() }
        let list = try run(["users", "list", "--store", store])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("carol@example.com") && list.stdout.contains("totp*, sms"))
        #expect(list.stdout.contains("locked until 2999-01-01"))
        let show = try run(["users", "show", "Carol@Example.com", "--store", store])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Recovery code:    set") && show.stdout.contains("laptop"))
        // The labels and values come from strings.json (cli.users.*); the layout is pinned here.
        #expect(
            show.stdout == """
                Store:            real (not a sandbox)
                Email:            carol@example.com
                Name:             Carol \u{FFFD}[31mRed
                Company:          Acme (acme)
                Created:          2026-05-01 09:00:00Z
                MFA:              configured (preferred method marked *)
                Recovery code:    set
                Failed log-ins:   10 in a row, 2 lockout(s)
                Locked:           until 2999-01-01 00:00:00Z
                Methods:
                  - totp*, active, id f1, 10 wrong code(s), locked until 2999-01-01 00:00:00Z
                  - sms, active, id f2, +15551234567
                Trusted devices:
                  - laptop, until 2999-01-01 00:00:00Z, last used -

                """)
        #expect(
            list.stdout.split(separator: "\n").first
                == "EMAIL              NAME            COMPANY  MFA         STATE")
        for output in [list.stdout, show.stdout] {
            #expect(!output.contains("\u{1B}"), "an escape sequence reached the terminal")
            #expect(!output.contains("⟦"), "a key missing from strings.json: \(output)")
            expectNoSecrets(output, "users")
        }
        let json = try run(["users", "show", "carol@example.com", "--json", "--store", store])
        #expect(json.status == 0)
        expectNoSecrets(json.stdout, "users show --json")
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect(object["displayName"] as? String == "Carol \u{1B}[31mRed")
        #expect(object["locked"] as? Bool == true)
        let listJSON = try #require(
            try JSONSerialization.jsonObject(
                with: run(["users", "list", "--json", "--store", store]).stdoutData) as? [Any])
        #expect(listJSON.count == 1)
    }

    @Test("an unknown account is a usage error naming it")
    func unknownAccount() throws {
        let (directory, store) = try makeStore()
        defer { directory.remove() }
        for command in ["show", "reset-mfa", "unlock"] {
            let result = try run(["users", command, "nobody@example.com", "--store", store])
            #expect(result.status == 2)
            #expect(
                result.stderr.contains("nobody@example.com")
                    && result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test("unlock clears lockouts, reset-mfa removes the factors; each writes an audit line")
    func administration() throws {
        let (directory, store) = try makeStore()
        defer { directory.remove() }
        let unlock = try run(["users", "unlock", "carol@example.com", "--store", store])
        #expect(unlock.status == 0, "\(unlock.stderr)")
        var account = try accountObject(store)
        #expect(account["failedLogins"] as? Int == 0 && account["lockouts"] as? Int == 0)
        #expect(account["lockedUntil"] == nil)
        let factors = try #require(account["factors"] as? [[String: Any]])
        #expect(
            factors.count == 2
                && factors.allSatisfy { $0["consecutiveFailures"] as? Int == 0 && $0["lockedUntil"] == nil })

        let reset = try run(["users", "reset-mfa", "carol@example.com", "--json", "--store", store])
        #expect(reset.status == 0, "\(reset.stderr)")
        expectNoSecrets(reset.stdout, "reset-mfa")
        account = try accountObject(store)
        #expect((account["factors"] as? [Any])?.isEmpty == true)
        #expect(account["mfaRequiredAtNextLogin"] as? Bool == true)
        #expect(account["recoveryCodeHash"] == nil && account["preferredFactorID"] == nil)
        #expect((account["trustedDevices"] as? [Any])?.isEmpty == true)

        let audit = try String(contentsOfFile: store + "/audit.log", encoding: .utf8).split(separator: "\n")
        #expect(audit.count == 2)
        #expect(audit[0].contains("\"account.unlocked\"") && audit[1].contains("\"mfa.reset\""))
        let mails = try FileManager.default.contentsOfDirectory(atPath: store + "/outbox/mail")
        #expect(mails.count == 1, "reset-mfa tells the user by mail")
        let check = try run(["store", "check", "--store", store])
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test(
        "a corrupt account: the named error, exit 3, the file untouched", arguments: ["truncated", "garbage"])
    func corruptAccount(kind: String) throws {
        let (directory, store) = try makeStore()
        defer { directory.remove() }
        let path = store + "/accounts/carol@example.com.json"
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let bad = kind == "truncated" ? good.prefix(good.count / 3) : Data("\u{0}\u{1}garbage".utf8)
        try bad.write(to: URL(fileURLWithPath: path))
        for arguments in [
            ["users", "show", "carol@example.com"], ["users", "unlock", "carol@example.com"],
            ["users", "reset-mfa", "carol@example.com"], ["users", "list"], ["store", "export"],
        ] {
            let result = try run(arguments + ["--store", store])
            #expect(result.status == 3, "\(arguments)")
            #expect(
                result.stderr.hasPrefix("keepsafe: " + path + ": corrupt document"),
                "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        let check = try run(["store", "check", "--store", store])
        #expect(check.status == 1)
        #expect(check.stdout.contains("accounts/carol@example.com.json: "))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bad)
    }

    @Test("store check lists every problem as JSON and exits 1; a clean store exits 0")
    func check() throws {
        let (directory, store) = try makeStore()
        defer { directory.remove() }
        #expect(try run(["store", "check", "--store", store]).status == 0)
        try write(
            store, "invites/dave@example.com.json",
            #"{"schemaVersion": 1, "email": "dave@example.com", "invitedBy": "ghost@example.com", "company": "acme", "createdAt": "2026-05-01T09:00:00Z"}"#
        )
        try write(store, "push/p1.json", #"{"schemaVersion": 5}"#)
        chmod(store + "/companies/acme.json", 0o644)
        let result = try run(["store", "check", "--json", "--store", store])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let files = (object["problems"] as? [[String: String]] ?? []).compactMap { $0["file"] }
        #expect(Set(files) == ["invites/dave@example.com.json", "push/p1.json", "companies/acme.json"])
    }

    @Test("store export is one JSON document with every secret redacted")
    func export() throws {
        let (directory, store) = try makeStore()
        defer { directory.remove() }
        let result = try run(["store", "export", "--store", store])
        #expect(result.status == 0, "\(result.stderr)")
        expectNoSecrets(result.stdout, "export")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        #expect(accounts.first?["passwordHash"] as? String == "[redacted]")
        #expect(accounts.first?["email"] as? String == "carol@example.com")
        let sms = try #require((object["outbox"] as? [String: Any])?["sms"] as? [[String: Any]])
        #expect(sms.first?["body"] as? String == "Your verification code is [redacted].")
        #expect(object["policy"] is [String: Any])
    }

    @Test("read-only commands never create a store: exit 3, one line naming it, no folder made")
    func readOnlyCommandsCreateNothing() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-e2e-nostore")
        defer { directory.remove() }
        let missing = directory.path + "/deep/store"
        let commands: [[String]] = [
            ["users", "list"], ["users", "show", "a@example.com"], ["users", "reset-mfa", "a@example.com"],
            ["users", "unlock", "a@example.com"], ["store", "check"], ["store", "export"],
            ["phone", "codes"], ["phone", "inbox", "+447700900123"], ["phone", "mail", "a@example.com"],
            ["phone", "pending"],
        ]
        for command in commands {
            let result = try BuiltProducts.runKeepsafe(command + ["--store", missing])
            #expect(result.status == 3, "\(command)")
            #expect(result.stderr == "keepsafe: no store at \(missing)\n", "\(command)")
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/deep"), "\(command)")
        }
    }

    @Test("store init takes every path form: p, ./p, /abs/p, a trailing slash")
    func pathForms() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-e2e-paths")
        defer { directory.remove() }
        for form in ["p", "./q", directory.path + "/r", "s/", directory.path + "/t//"] {
            let made = try BuiltProducts.runKeepsafe(
                ["store", "init", form], currentDirectory: directory.path)
            #expect(made.status == 0, "\(form): \(made.stderr)")
            let listed = try BuiltProducts.runKeepsafe(
                ["users", "list", "--store", form], currentDirectory: directory.path)
            #expect(listed.status == 0, "\(form): \(listed.stderr)")
            let checked = try BuiltProducts.runKeepsafe(
                ["store", "check", "--store", form], currentDirectory: directory.path)
            #expect(checked.status == 0, "\(form): \(checked.stdout) \(checked.stderr)")
        }
    }

    @Test("--store, else KEEPSAFE_STORE, else XDG_DATA_HOME; store init makes it 0700")
    func location() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-e2e-location")
        defer { directory.remove() }
        let environment = ["KEEPSAFE_STORE": "", "XDG_DATA_HOME": directory.path + "/xdg"]
        let result = try BuiltProducts.runKeepsafe(["store", "init"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path + "/xdg/keepsafe")
        #expect(attributes[.posixPermissions] as? Int == 0o700)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/xdg/keepsafe/policy.json"))
        _ = try BuiltProducts.runKeepsafe(
            ["store", "init"], environment: ["KEEPSAFE_STORE": directory.path + "/env"])
        let named = try BuiltProducts.runKeepsafe(
            ["store", "check"], environment: ["KEEPSAFE_STORE": directory.path + "/env"])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/env/VERSION"))
    }

    @Test("bench store reports figures for each size (timings are not asserted)")
    func bench() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-e2e-bench")
        defer { directory.remove() }
        let result = try run([
            "bench", "store", "--accounts", "30", "--accounts", "10", "--samples", "3", "--json", "--scratch",
            directory.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [String: Any])
        let sizes = try #require(object["sizes"] as? [[String: Any]])
        #expect(sizes.compactMap { $0["accounts"] as? Int } == [10, 30])
        #expect(
            sizes.allSatisfy { size in
                ["floor", "change", "signUp"].allSatisfy {
                    ((size[$0] as? [String: Any])?["medianMs"] as? Double ?? 0) > 0
                }
            })
        #expect(object["changeOverFloor"] is Double && object["signUpOverChange"] is Double)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty,
            "scratch stores left behind")
    }

    private func accountObject(_ store: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: store + "/accounts/carol@example.com.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

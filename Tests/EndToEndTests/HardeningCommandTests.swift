import Foundation
import TestSupport
import Testing

/// Issue 11 at the command line: time travel only on sandboxes, one sanitizer for every
/// echo, range-checked time values, policy floors in store check.
@Suite("hardening at the command line")
struct HardeningCommandTests {
    /// One line on stderr starting `keepsafe: `, with no byte a terminal could act on.
    func expectCleanUsageError(_ result: Subprocess.Result, _ what: String) {
        #expect(result.status == 2, "\(what): \(result.stderr)")
        #expect(result.stderr.hasPrefix("keepsafe: "), "\(what): \(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(what): \(result.stderr)")
        let controls = result.stderr.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                || (0x202A...0x202E).contains($0.value)
        }
        #expect(controls.isEmpty, "\(what): \(result.stderr.debugDescription)")
    }

    @Test(
        "values echoed in errors go through the sanitizer",
        arguments: [
            ["--theme", "\u{1B}]0;X\u{07}"], ["--theme", "\u{1B}]52;c;SGVsbG8=\u{07}"],
            ["--clock", "+1\u{1B}[31md"], ["qr", "--ecc", "\u{1B}]0;X\u{07}", "x"],
            ["phone", "codes", "--skew", "\u{1B}[2J"], ["walkthrough", "/tmp/\u{1B}]0;owned\u{07}.walk"],
            ["otp", "--at", "\u{202E}1", "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP"],
        ])
    func echoesAreSanitized(arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try BuiltProducts.runKeepsafe(
            arguments
                + ["--store", directory.file("store")].filter { _ in
                    ["--theme", "--clock", "phone"].contains(arguments[0])
                })
        expectCleanUsageError(result, arguments.joined(separator: " ").debugDescription)
    }

    @Test(
        "out-of-range clocks are one-line usage errors and write nothing",
        arguments: [
            "+2e14d", "+1e306d", "+99999999999d", "-9999999999999h", "1900-01-01T00:00:00Z", "+nan", "+inf",
        ])
    func hugeClocks(value: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = directory.file("store")
        _ = try BuiltProducts.runKeepsafe(["store", "init", "--sandbox", store])
        let before = try FileManager.default.subpathsOfDirectory(atPath: store).sorted()
        for arguments in [
            ["--store", store, "--plain", "--clock=" + value],
            ["phone", "codes", "--store", store, "--clock=" + value],
        ] {
            let result = try BuiltProducts.runKeepsafe(arguments, stdin: Data())
            expectCleanUsageError(result, "\(arguments)")
        }
        #expect(
            try FileManager.default.subpathsOfDirectory(atPath: store).sorted() == before, "nothing written")
    }

    @Test("a store that is not a sandbox refuses --clock on the portal and the phone, and walkthroughs")
    func realStoresRefuseTimeTravel() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let real = directory.file("real")
        let made = try BuiltProducts.runKeepsafe(["store", "init", real])
        #expect(made.status == 0, "\(made.stderr)")
        for arguments in [
            ["--store", real, "--plain", "--clock", "+1d"],
            ["phone", "codes", "--store", real, "--clock", "+16m"],
            ["phone", "approve", "--store", real, "--clock", "+11m"],
            ["walkthrough", "--store", real, "assets/walkthroughs/f1-signup.walk"],
        ] {
            let result = try BuiltProducts.runKeepsafe(
                arguments, stdin: Data(), currentDirectory: packageRoot)
            expectCleanUsageError(result, "\(arguments)")
            #expect(result.stderr.contains("keepsafe store init --sandbox"), "\(arguments): \(result.stderr)")
        }
        // The default store (no --store) is not a sandbox either, and is not created.
        let home = directory.file("xdg")
        let defaulted = try BuiltProducts.runKeepsafe(
            ["phone", "codes", "--clock", "+1d"], environment: ["XDG_DATA_HOME": home, "HOME": home])
        expectCleanUsageError(defaulted, "default store")
        #expect(!FileManager.default.fileExists(atPath: home + "/keepsafe"))

        let sandbox = directory.file("sandbox")
        let created = try BuiltProducts.runKeepsafe(["store", "init", "--sandbox", sandbox])
        #expect(created.status == 0, "\(created.stderr)")
        let codes = try BuiltProducts.runKeepsafe(["phone", "codes", "--store", sandbox, "--clock", "+16m"])
        #expect(codes.status == 0, "\(codes.stderr)")
        let again = try BuiltProducts.runKeepsafe(["store", "init", "--sandbox", real])
        expectCleanUsageError(again, "asking for a sandbox over a real store")
    }

    @Test("users show says when the store is a sandbox")
    func usersShowSandbox() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sandbox = directory.file("sandbox")
        _ = try BuiltProducts.runKeepsafe(["store", "init", "--sandbox", sandbox])
        let walk = try BuiltProducts.runKeepsafe(
            ["walkthrough", "--store", sandbox, "assets/walkthroughs/f3-enroll-totp.walk"],
            currentDirectory: packageRoot)
        #expect(walk.status == 0, "\(walk.stdout) \(walk.stderr)")
        let users = try BuiltProducts.runKeepsafe(["users", "list", "--store", sandbox, "--json"])
        let email = try #require(
            (try JSONSerialization.jsonObject(with: Data(users.stdout.utf8)) as? [[String: Any]])?.first?[
                "email"]
                as? String)
        let show = try BuiltProducts.runKeepsafe(["users", "show", email, "--store", sandbox])
        #expect(show.stdout.contains("Store:            SANDBOX"), "\(show.stdout)")
        let json = try BuiltProducts.runKeepsafe(["users", "show", email, "--store", sandbox, "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["sandbox"] as? Bool == true)
    }

    @Test("store check reports a weakened policy outside sandboxes")
    func weakenedPolicy() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let weak =
            #"{"schemaVersion": 1, "password": {"iterations": 1, "minLength": 1, "rejectCommon": false}, "login": {"lockAfter": 1000000}}"#
        for (name, sandbox) in [("real", false), ("sandbox", true)] {
            let store = directory.file(name)
            _ = try BuiltProducts.runKeepsafe(["store", "init", store] + (sandbox ? ["--sandbox"] : []))
            let policy =
                sandbox
                ? weak.replacingOccurrences(
                    of: "\"schemaVersion\": 1,", with: "\"schemaVersion\": 1, \"sandbox\": true,") : weak
            try Data(policy.utf8).write(to: URL(fileURLWithPath: store + "/policy.json"))
            chmod(store + "/policy.json", 0o600)
            let check = try BuiltProducts.runKeepsafe(["store", "check", "--store", store])
            if sandbox {
                #expect(check.status == 0, "\(check.stdout)")
            } else {
                #expect(check.status == 1)
                for field in [
                    "password.iterations", "password.minLength", "password.rejectCommon", "login.lockAfter",
                ] {
                    #expect(check.stdout.contains(field), "\(field): \(check.stdout)")
                }
            }
        }
        let fresh = directory.file("fresh")
        _ = try BuiltProducts.runKeepsafe(["store", "init", fresh])
        let ok = try BuiltProducts.runKeepsafe(["store", "check", "--store", fresh])
        #expect(ok.status == 0, "the default policy meets every floor: \(ok.stdout)")
    }

    @Test("phone codes --json escapes bidi controls from account labels")
    func phoneJSONEscapesBidi() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = directory.file("store")
        _ = try BuiltProducts.runKeepsafe(["store", "init", store])
        let uri = "otpauth://totp/Evil:%E2%80%AEmoc.elgoog?secret=JBSWY3DPEHPK3PXP&issuer=Evil"
        let added = try BuiltProducts.runKeepsafe(["phone", "add", uri, "--store", store])
        #expect(added.status == 0, "\(added.stderr)")
        let codes = try BuiltProducts.runKeepsafe(["phone", "codes", "--json", "--store", store])
        #expect(codes.status == 0)
        #expect(!codes.stdout.unicodeScalars.contains("\u{202E}"), "\(codes.stdout.debugDescription)")
        #expect(codes.stdout.contains("\\u202E"), "\(codes.stdout)")
        let decoded = try JSONSerialization.jsonObject(with: Data(codes.stdout.utf8))
        #expect("\(decoded)".unicodeScalars.contains("\u{202E}"), "the JSON still means the same text")
    }

    /// The package root, where `assets/` is.
    var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }
}

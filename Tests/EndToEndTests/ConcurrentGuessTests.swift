import Foundation
import TestSupport
import Testing

/// Failure counters change in the same transaction that judged the attempt, so a crowd
/// of processes guessing at once gets exactly `lockAfter` password checks, however the
/// scheduler interleaves them.
@Suite("Concurrent guessing")
struct ConcurrentGuessTests {
    static let library = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("assets/walkthroughs/lib").path

    @Test("40 processes guessing one password at once get exactly lockAfter (10) checks")
    func fortyGuessers() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-guess")
        defer { directory.remove() }
        let store = directory.file("store")
        let setup = directory.file("setup.walk")
        try """
        size 80x24
        clock 2026-05-01T09:00:00Z
        set email "target@example.com"
        set name "Target"
        set company "Acme"
        set password "granite-orchid-51"
        include \(Self.library)/new-totp-account.walkinc
        """.write(toFile: setup, atomically: true, encoding: .utf8)
        let made = try BuiltProducts.runKeepsafe(["walkthrough", setup, "--store", store])
        try #require(made.status == 0, "\(made.stdout) \(made.stderr)")

        let guess = directory.file("guess.walk")
        try """
        size 80x24
        clock 2026-05-01T10:00:00Z
        fill "Email" "target@example.com"
        fill "Password" "wrong-guess-00"
        press "Log in"
        expect-screen login
        """.write(toFile: guess, atomically: true, encoding: .utf8)
        DispatchQueue.concurrentPerform(iterations: 40) { _ in
            _ = try? BuiltProducts.runKeepsafe(["walkthrough", guess, "--store", store])
        }

        let audit = try String(contentsOfFile: store + "/audit.log", encoding: .utf8)
        let checks = audit.split(separator: "\n").filter {
            $0.contains("\"event\":\"login.failed\"") && $0.contains("target@example.com")
        }
        #expect(checks.count == 10, "\(checks.count) password checks for 40 guesses")
        let shown = try BuiltProducts.runKeepsafe([
            "users", "show", "target@example.com", "--store", store, "--json",
        ])
        #expect(shown.stdout.contains("\"failedLogins\" : 10"), "\(shown.stdout)")
    }
}

/// A full disk is one clear line on the screen, the store stays as it was, and the same
/// operation goes through once there is room.
@Suite("Disk full")
struct DiskFullTests {
    @Test("sign-up on a full disk says so on screen, changes nothing, and works on retry")
    func signUpOnFullDisk() throws {
        let directory = try TemporaryDirectory(prefix: "keepsafe-full")
        defer { directory.remove() }
        let store = directory.file("store")
        let empty = directory.file("empty.walk")
        try "size 80x24\n".write(toFile: empty, atomically: true, encoding: .utf8)
        try #require(try BuiltProducts.runKeepsafe(["walkthrough", empty, "--store", store]).status == 0)
        let before = CrashPointTests.state(of: store)

        let script = directory.file("signup.walk")
        func write(_ expectation: String) throws {
            try """
            size 80x24
            clock 2026-05-01T09:00:00Z
            press "Sign up"
            fill "Email" "full@example.com"
            fill "Full name" "Disk Full"
            fill "Company" "Acme"
            fill "Password" "granite-orchid-51"
            fill "Confirm password" "granite-orchid-51"
            press "Sign up"
            expect "\(expectation)"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        }
        try write("the disk is full: nothing was changed")
        let full = try BuiltProducts.runKeepsafe(
            ["walkthrough", script, "--store", store], environment: ["KEEPSAFE_FAULT": "enospc@1"])
        #expect(full.status == 0, "\(full.stdout) \(full.stderr)")
        #expect(CrashPointTests.state(of: store) == before)
        #expect(try BuiltProducts.runKeepsafe(["store", "check", "--store", store]).status == 0)

        try write("Keep Your Account Safe")
        let retried = try BuiltProducts.runKeepsafe(["walkthrough", script, "--store", store])
        #expect(retried.status == 0, "\(retried.stdout) \(retried.stderr)")
    }
}

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
        let shown = try BuiltProducts.runKeepsafe(["users", "show", "target@example.com", "--store", store, "--json"])
        #expect(shown.stdout.contains("\"failedLogins\" : 10"), "\(shown.stdout)")
    }
}

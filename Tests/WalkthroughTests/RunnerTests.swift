import Foundation
import KeepsafeFlow
import TestSupport
import Testing

@testable import Walkthrough

@Suite("walkthrough runner (fake portal)")
struct RunnerTests {
    @Test("a passing walkthrough runs every step")
    func passes() throws {
        let result = try runFake(
            """
            size 80x24
            expect "Log in"
            fill Email ann@example.com
            fill Password "correct horse"
            toggle "Remember this device for 30 days"
            expect "[x] Remember this device"
            press "Log in"
            expect-screen home
            expect "Signed in as ann@example.com."
            expect-not "Wrong email"
            """)
        #expect(result.passed, "\(result.failureReport ?? "")")
        #expect(result.stepsRun == 10)
        #expect(result.stepCount == 10)
    }

    @Test("keys and typing go through send(_:)")
    func keys() throws {
        let result = try runFake(
            """
            type bob@example.com
            key Tab
            type "correct horse"
            key Enter
            expect "Signed in as bob@example.com."
            """)
        #expect(result.passed, "\(result.failureReport ?? "")")
    }

    @Test("a failed expectation reports file, line and the screen")
    func failureReport() throws {
        let result = try runFake(
            """
            fill Email ann@example.com
            fill Password wrong
            press "Log in"
            expect "Welcome"
            expect "never reached"
            """)
        let failure = try #require(result.failure)
        #expect(failure.line == 4)
        #expect(result.stepsRun == 4)
        let report = try #require(result.failureReport)
        #expect(report.hasPrefix("fake.walk:4: step failed: expected to see \"Welcome\""))
        #expect(report.contains("✗ Wrong email or password."))
        #expect(report.contains("Email: [ann@example.com"))
    }

    @Test("expect-not and expect-screen fail when they should")
    func negativeExpectations() throws {
        let shown = try runFake("expect-not \"Log in\"")
        #expect(shown.failure?.reason.contains("did not expect") == true)
        let screen = try runFake("expect-screen home")
        #expect(screen.failure?.reason == "expected screen 'home', the portal shows 'login'")
    }

    @Test("wrapped text still matches, masked passwords never show")
    func matching() throws {
        // 20x10 is below the smallest terminal (a person sees only "too small"), so the
        // text is looked for in the screen model with `expect anywhere`.
        let result = try runFake(
            """
            size 20x10
            fill Password "correct horse"
            expect anywhere "Password: [•••••••••••••"
            expect-not "correct horse"
            expect anywhere "Remember this device for 30 days"
            """)
        #expect(result.passed, "\(result.failureReport ?? "")")
        let tooSmall = try runFake("size 20x10\nexpect \"Remember this device for 30 days\"")
        #expect(tooSmall.failure?.reason.contains("outside the 20x10 view") == true)
        let seen = try runFake("size 40x12\nfill Password \"correct horse\"\nexpect \"Password: [•••••••••••••\"")
        #expect(seen.passed, "\(seen.failureReport ?? "")")
    }

    @Test("expect reads the viewport: text below the fold needs `scroll` or `expect anywhere`")
    func viewport() throws {
        // The fake log-in page at 40x12 with a device name over three lines: its button is
        // below the fold.
        let start = "size 40x12\ndevice \"a-device-name-long-enough-to-wrap-over-three-lines-of-the-page\"\n"
        let below = try runFake(start + "expect \"Log in\"\nexpect \"[ Log in ]\"")
        #expect(below.failure?.reason.contains("outside the 40x12 view") == true, "\(below.failureReport ?? "")")
        let scrolled = try runFake(start + "scroll bottom\nexpect \"[ Log in ]\"\nscroll top\nexpect \"Device:\"")
        #expect(scrolled.passed, "\(scrolled.failureReport ?? "")")
        let anywhere = try runFake(start + "expect anywhere \"[ Log in ]\"")
        #expect(anywhere.passed, "\(anywhere.failureReport ?? "")")
        // Moving the focus there brings it into view, as in the terminal.
        let tabbed = try runFake(start + "key Tab Tab Tab\nexpect \"> [ Log in ]\"")
        #expect(tabbed.passed, "\(tabbed.failureReport ?? "")")
        #expect(throws: (any Error).self) { try runFake("scroll sideways") }
        #expect(throws: (any Error).self) { try runFake("expect somewhere \"x\"") }
    }

    @Test("capture and set feed later steps; unknown captures fail")
    func captures() throws {
        let result = try runFake(
            """
            set who "dee@example.com"
            fill Email {who}
            fill Password "correct horse"
            press "Log in"
            capture user "Signed in as ([^ ]+)\\."
            expect "as {user}."
            """)
        #expect(result.passed, "\(result.failureReport ?? "")")
        let unknown = try runFake("fill Email {nobody}")
        #expect(unknown.failure?.reason.contains("no capture named 'nobody'") == true)
    }

    @Test("an unknown label is the portal's error, with the line")
    func unknownLabel() throws {
        let result = try runFake("expect Email\npress \"Sign up\"")
        #expect(result.failure?.line == 2)
        #expect(result.failure?.reason == "no control labelled \"Sign up\" on this screen")
    }

    @Test("device and restart open new sessions on the named device")
    func devices() throws {
        let result = try runFake(
            """
            expect "Device: walkthrough-terminal"
            device laptop
            expect "Device: laptop"
            fill Email x@example.com
            restart
            expect "Device: laptop"
            expect-not "x@example.com"
            """)
        #expect(result.passed, "\(result.failureReport ?? "")")
    }

    @Test("bad arguments that come from captures fail the step when it runs: keys, sizes, clock")
    func badArguments() throws {
        let key = try runFake("set k Hyper\nkey {k}")
        #expect(key.failure?.reason.contains("unknown key 'Hyper'") == true)
        #expect(key.failure?.line == 2)
        #expect(try runFake("set s 5x5\nsize {s}").failure?.line == 2)
        #expect(try runFake("set c tomorrow\nclock {c}").failure?.reason.contains("ISO 8601") == true)
    }

    @Test("a failure on the last step is reported as that step failing, not as all steps run")
    func lastStepFailure() throws {
        let result = try runFake("size 40x12\nexpect \"nothing like this\"")
        #expect(!result.passed)
        #expect(result.summaryLine.hasPrefix("FAIL fake.walk (step 2 of 2 failed, "), "\(result.summaryLine)")
        #expect(!result.summaryLine.contains("2/2"))
        let passed = try runFake("size 40x12")
        #expect(passed.summaryLine.hasPrefix("PASS fake.walk (1 steps, "), "\(passed.summaryLine)")
    }

    @Test("an unknown label gets the nearest label on screen")
    func labelSuggestion() throws {
        let result = try runFake("fill Emial ann@example.com")
        #expect(
            result.failure?.reason.contains("did you mean 'Email'?") == true, "\(result.failureReport ?? "")")
    }

    @Test("snapshots: written on update, compared otherwise, with a diff")
    func snapshots() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = "size 40x12\nfill Email ann@example.com\nsnapshot login-filled"
        let written = try runFake(script, snapshots: folder.path, update: true)
        #expect(written.passed, "\(written.failureReport ?? "")")
        let golden = try String(contentsOfFile: folder.file("login-filled.txt"), encoding: .utf8)
        #expect(golden.contains("> Email: [ann@example.com"))
        #expect(golden.split(separator: "\n", omittingEmptySubsequences: false).count == 13)

        #expect(try runFake(script, snapshots: folder.path).passed)
        let changed = try runFake(
            "size 40x12\nfill Email bob@example.com\nsnapshot login-filled", snapshots: folder.path)
        let reason = try #require(changed.failure?.reason)
        #expect(reason.contains("-> Email: [ann@example.com"))
        #expect(reason.contains("+> Email: [bob@example.com"))
        let missing = try runFake("snapshot nowhere", snapshots: folder.path)
        #expect(missing.failure?.reason.contains("KEEPSAFE_UPDATE_SNAPSHOTS=1") == true)
    }

    @Test("captured secrets are masked in snapshots")
    func maskedSnapshot() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let script = """
            fill Email "k8j2@example.com"
            capture secret "Email: \\[([a-z0-9]+)@"
            snapshot masked
            """
        #expect(try runFake(script, snapshots: folder.path, update: true).passed)
        let golden = try String(contentsOfFile: folder.file("masked.txt"), encoding: .utf8)
        #expect(golden.contains("Email: [{secret}@example.com"))
        #expect(!golden.contains("k8j2"))
    }

    @Test("recording keeps one frame per changed screen, clock advances pause")
    func recording() throws {
        let result = try runFake(
            """
            size 60x10
            expect "Log in"
            fill Email ann@example.com
            advance 16m
            """, record: true)
        let cast = try #require(result.recording)
        #expect(cast.width == 60)
        #expect(cast.height == 10)
        #expect(cast.events.count == 3)
        #expect(cast.events.last?.text.contains("ann@example.com") == true)
        #expect(cast.events.map(\.time) == cast.events.map(\.time).sorted())
        #expect(cast.timestamp == 1_777_626_000)
    }
}

@Suite("screen text matching")
struct ScreenTextTests {
    @Test("white space runs match any white space; order and words still matter")
    func collapse() {
        let lines = ["  Enter the code we", "sent to\t+33••••78.  ", ""]
        #expect(ScreenText.contains(lines, "Enter the code we sent to +33••••78."))
        #expect(ScreenText.contains(lines, "we  sent"))
        #expect(!ScreenText.contains(lines, "wesent"))
        #expect(!ScreenText.contains(lines, "sent we"))
        #expect(ScreenText.collapse("  a \n\n b\u{A0}c  ") == "a b c")
        // Beside a QR code its blocks read as space, so the text column reads in one piece.
        let drawn = "█▀▄ ▀█  Scan this QR code\n█▄▀▀ ▄█  with your app"
        #expect(ScreenText.collapse(drawn, droppingBlocks: true) == "Scan this QR code with your app")
        #expect(ScreenText.collapse(drawn) != "Scan this QR code with your app")
    }

    @Test("the byte search agrees with String.contains, across multi-byte text and the edges")
    func byteSearchAgreesWithContains() {
        let haystacks = ["", "a", "abc", "aab", "••••78.", "Ünïcødé 👍🏽 text", "ababab", "xyz"]
        let needles = ["", "a", "b", "ab", "abc", "abcd", "•78", "••78", "78.", "👍🏽", "🏽", "ïc", "bab", "zz"]
        for haystack in haystacks {
            for needle in needles {
                let expected = needle.isEmpty || haystack.utf8.firstRange(of: needle.utf8) != nil
                #expect(ScreenText.found(needle, in: haystack) == expected, "\(needle) in \(haystack)")
            }
        }
    }
}

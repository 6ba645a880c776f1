import Foundation
import KeepsafeStore
import TestSupport
import Testing

/// `keepsafe --plain` driven by a pexpect script through sign-up and the TOTP enrollment:
/// it reads the otpauth URI printed beside the QR, asks oathtool for the code, and types it.
@Suite("Plain mode")
struct PlainModeTests {
    static let script = #"""
        import os, re, subprocess, sys, urllib.parse
        import pexpect

        keepsafe, store, home = sys.argv[1:4]
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=home, XDG_STATE_HOME=home + "/state", TERM="dumb")
        child = pexpect.spawn(keepsafe, ["--plain", "--store", store, "--device", "plain-test"],
                              env=env, encoding="utf-8", timeout=30)
        transcript = []

        def menu():
            child.expect(r"Choose 1-\d+[^\n]*: ")
            text = child.before
            transcript.append(text)
            items = []
            for line in reversed(text.splitlines()):
                match = re.match(r"^  (\d+)\. (.*)$", line)
                if not match:
                    break
                items.insert(0, (match.group(1), match.group(2)))
            return text, items

        def pick(prefix):
            text, items = menu()
            for number, label in items:
                if label.startswith(prefix):
                    child.sendline(number)
                    return text
            sys.exit("no %r in the menu; output so far:\n%s" % (prefix, "".join(transcript)))

        def fill(prefix, value):
            pick(prefix)
            child.expect(re.escape(prefix))
            child.sendline(value)

        pick("Sign up (link)")
        fill("Email:", "plain@example.com")
        fill("Full name:", "Pat Plain")
        fill("Company:", "Acme Test Works")
        fill("Password:", "Correct-Horse-9-Battery")
        fill("Confirm password:", "Correct-Horse-9-Battery")
        pick("Sign up (button)")
        pick("Choose a method")
        child.expect(r"Item 1-\d+: ")
        listing = child.before
        number = re.search(r"^  (\d+)\. Authenticator app", listing, re.M).group(1)
        child.sendline(number)
        text = pick("Code:")
        uri = re.search(r"QR code: (otpauth://\S+)", "".join(transcript)).group(1)
        secret = urllib.parse.parse_qs(urllib.parse.urlparse(uri).query)["secret"][0]
        code = subprocess.check_output(["oathtool", "--totp", "-b", secret], text=True).strip()
        child.expect(re.escape("Code:"))
        child.sendline(code)
        pick("Continue (button)")
        pick("[ ] I have safely recorded this code")
        pick("Continue (button)")
        text, items = menu()
        if not any(label.startswith("My Profile") for _, label in items):
            sys.exit("home not reached:\n" + text)
        child.sendline("q")
        child.expect(pexpect.EOF)
        print("ENROLLED " + uri)
        """#

    @Test(
        "pexpect walks the TOTP enrollment",
        .enabled(
            if: PeerTools.shouldRun(tools: ["oathtool", "python3"], pythonModules: ["pexpect"]),
            Comment(
                rawValue: PeerTools.skipReason(tools: ["oathtool", "python3"], pythonModules: ["pexpect"]))))
    func totpEnrollment() throws {
        guard requireTools(["oathtool", "python3"], ["pexpect"]) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = directory.file("store")
        _ = try FileStore(path: store, initialPolicy: Policy.testing())
        let scriptFile = directory.file("plain.py")
        try Self.script.write(toFile: scriptFile, atomically: true, encoding: .utf8)
        let result = try Subprocess.run(
            "python3", [scriptFile, BuiltProducts.keepsafe, store, directory.file("home")])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("ENROLLED otpauth://totp/"))
    }

    @Test("without a terminal and without --plain: one line on stderr, exit 2")
    func noTerminal() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try BuiltProducts.runKeepsafe(["--store", directory.file("store")])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("keepsafe: not a terminal"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

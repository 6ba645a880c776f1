import Foundation
import KeepsafeStore
import TestSupport
import Testing

/// `keepsafe --plain` driven by a pexpect script through sign-up and the TOTP enrollment:
/// it reads the otpauth URI printed beside the QR, asks oathtool for the code, and types it.
@Suite("Plain mode")
struct PlainModeTests {
    static let script = plainModePrelude(device: "plain-test") + #"""
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

import Foundation
import TestSupport
import Testing

/// The push round trip between two processes on a PostgreSQL store: the portal
/// (`keepsafe --plain`, driven by pexpect) waits on its push screen, and a second
/// process (`keepsafe phone add`, then `keepsafe phone approve`) answers. The portal
/// must move on by itself (no key is typed while it waits), woken by the store's
/// notification. The figures are printed, never asserted: the machine may be loaded.
@Suite(
    "PostgreSQL store: push round trip between two processes",
    .enabled(if: TestPostgres.shouldRun, Comment(rawValue: TestPostgres.skipReason)))
struct PostgresPushRoundTripTests {
    static let script = plainModePrelude(device: "round-trip") + #"""
        import time
        portal = child

        def answer(arguments, moved_on):
            """Runs the phone command while the portal waits; returns (ms the command ran,
            ms from its exit until the portal showed `moved_on`)."""
            started = time.monotonic()
            result = subprocess.run([keepsafe] + arguments + ["--store", store], env=env,
                                    capture_output=True, text=True, timeout=60)
            exited = time.monotonic()
            if result.returncode != 0:
                sys.exit("%s failed: %s" % (arguments[:2], result.stderr))
            portal.expect(re.escape(moved_on), timeout=20)
            seen = time.monotonic()
            return round((exited - started) * 1000), round((seen - exited) * 1000)

        email, password = "round.trip@example.com", "Correct-Horse-9-Battery"
        pick("Sign up (link)")
        fill("Email:", email)
        fill("Full name:", "Rhea Round")
        fill("Company:", "Round Trip Ltd")
        fill("Password:", password)
        fill("Confirm password:", password)
        pick("Sign up (button)")
        pick("Choose a method")
        portal.expect(r"Item 1-\d+: ")
        number = re.search(r"^  (\d+)\. Push notification", portal.before, re.M).group(1)
        portal.sendline(number)
        pick("Continue (button)")
        text, items = menu()
        uri = re.search(r"QR code: (\S+)", "".join(transcript)).group(1)
        # The portal waits on its push enrollment screen; nothing is typed from here.
        enroll = answer(["phone", "add", uri], "Your recovery code")
        pick("[ ] I have safely recorded this code")
        pick("Continue (button)")
        pick("Log out")
        fill("Email:", email)
        fill("Password:", password)
        pick("Log in (button)")
        text, items = menu()
        match = re.search(r"Pick this number on your phone: (\d+)", text)
        if not match:
            sys.exit("no push challenge:\n" + text)
        approve = answer(["phone", "approve", "--match", match.group(1)], "Welcome, Rhea Round")
        portal.sendline("q")
        portal.expect(pexpect.EOF)

        # keepsafe pam (an SSH log-in's second factor): empty input sends a push and
        # waits for the same phone's answer.
        pam_env = dict(env, PAM_USER="round.trip", PAM_SERVICE="sshd", PAM_RHOST="192.0.2.7")
        pam = subprocess.Popen([keepsafe, "pam", "--store", store, "--domain", "example.com"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=pam_env, text=True)
        pam.stdin.write("\0")
        pam.stdin.close()
        prompt = pam.stdout.readline()
        number = re.search(r"\d+", prompt)
        if not number:
            sys.exit("keepsafe pam printed no number: %r %s" % (prompt, pam.stderr.read()))
        started = time.monotonic()
        result = subprocess.run([keepsafe, "phone", "approve", "--match", number.group(0), "--store", store],
                                env=env, capture_output=True, text=True, timeout=60)
        exited = time.monotonic()
        if result.returncode != 0:
            sys.exit("phone approve (pam) failed: " + result.stderr)
        status = pam.wait(timeout=30)
        ended = time.monotonic()
        if status != 0:
            sys.exit("keepsafe pam exited %d: %s" % (status, pam.stderr.read()))
        print("ENROLL %d %d" % enroll)
        print("APPROVE %d %d" % approve)
        print("PAM %d %d" % (round((exited - started) * 1000), round((ended - exited) * 1000)))
        """#

    @Test(
        "the portal waiting on its push screen moves on when another process answers",
        .enabled(
            if: PeerTools.shouldRun(tools: ["python3"], pythonModules: ["pexpect"]),
            Comment(rawValue: PeerTools.skipReason(tools: ["python3"], pythonModules: ["pexpect"]))))
    func roundTrip() throws {
        guard requireTools(["python3"], ["pexpect"]) else { return }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try TestPostgres.freshStoreURL("push")
        let made = try BuiltProducts.runKeepsafe(["store", "init", url])
        try #require(made.status == 0, "\(made.stderr)")
        let scriptFile = directory.file("round-trip.py")
        try Self.script.write(toFile: scriptFile, atomically: true, encoding: .utf8)
        let result = try Subprocess.run(
            "python3", [scriptFile, BuiltProducts.keepsafe, url, directory.file("home")])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        for line in result.stdout.split(separator: "\n")
        where ["ENROLL ", "APPROVE ", "PAM "].contains(where: { line.hasPrefix($0) }) {
            let figures = line.split(separator: " ")
            print(
                "push round trip on PostgreSQL, \(figures[0].lowercased()): the phone command ran \(figures[1]) ms; "
                    + "the waiting side moved on \(figures[2]) ms after it exited")
        }
        #expect(result.stdout.contains("APPROVE "))
        #expect(result.stdout.contains("PAM "))
    }
}

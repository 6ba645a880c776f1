/// The start of every pexpect script that drives `keepsafe --plain`: it spawns the portal
/// as `child` (device `device`) and defines `menu()`, `pick(prefix)` and `fill(prefix,
/// value)`, which choose controls by the labels of the numbered menu.
func plainModePrelude(device: String) -> String {
    #"""
        import os, re, subprocess, sys, urllib.parse
        import pexpect

        keepsafe, store, home = sys.argv[1:4]
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=home, XDG_STATE_HOME=home + "/state", TERM="dumb")
        child = pexpect.spawn(keepsafe, ["--plain", "--store", store, "--device", "\#(device)"],
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

        """#
}

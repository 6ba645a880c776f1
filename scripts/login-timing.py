#!/usr/bin/env python3
"""Times a failed log-in for a known and an unknown email, one process per try.

    scripts/login-timing.py [KEEPSAFE] [TRIES]

Makes a real store (600,000 PBKDF2 iterations), signs up alice@example.com through
`keepsafe --plain`, then alternates wrong-password log-ins for alice and for an
unknown address, each in a fresh process, and prints both medians and their ratio.
The known account is unlocked (untimed) between tries, so every try is a plain
wrong password. Issue 11 asks for the medians to be within 10%.
"""
import os, statistics, subprocess, sys, tempfile, time

keepsafe = sys.argv[1] if len(sys.argv) > 1 else ".build/release/keepsafe"
tries = int(sys.argv[2]) if len(sys.argv) > 2 else 15
store = os.path.join(tempfile.mkdtemp(prefix="keepsafe-timing-"), "store")

def run(args, stdin=""):
    return subprocess.run([keepsafe] + args, input=stdin.encode(), capture_output=True)

run(["store", "init", store])
password = "copper-meadow-82x"
run(["--plain", "--store", store],
    f"4\n1\nalice@example.com\n2\nAlice\n3\nAcme\n4\n{password}\n5\n{password}\n6\nq\n")
assert os.path.exists(os.path.join(store, "accounts", "alice@example.com.json")), "sign-up failed"

def attempt(email):
    start = time.perf_counter()
    result = run(["--plain", "--store", store], f"1\n{email}\n2\nwrong-password-1\n3\nq\n")
    elapsed = time.perf_counter() - start
    assert b"could not log you in" in result.stdout, result.stdout[-300:]
    return elapsed

known, unknown = [], []
for index in range(tries):
    for email, sink in ([("alice@example.com", known), ("nobody@example.com", unknown)]
                        if index % 2 == 0 else
                        [("nobody@example.com", unknown), ("alice@example.com", known)]):
        sink.append(attempt(email))
        if email == "alice@example.com":
            run(["users", "unlock", "alice@example.com", "--store", store])
k, u = statistics.median(known), statistics.median(unknown)
print(f"known   median {k * 1000:.0f} ms  (n={len(known)})")
print(f"unknown median {u * 1000:.0f} ms  (n={len(unknown)})")
print(f"unknown/known  {u / k:.3f}")

import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// The one parser of time values from outside, and the policy's range checks.
@Suite struct TimeValueTests {
    @Test(
        "durations",
        arguments: [
            ("90", 90.0), ("30s", 30), ("+16m", 960), ("-2h", -7200), ("1h30m", 5400), ("2d", 172_800),
            ("1.5m", 90),
        ])
    func durations(text: String, seconds: Double) throws {
        #expect(try TimeValue.duration(text) == seconds)
    }

    @Test(
        "refused durations never trap",
        arguments: [
            "", "+", "m", "1e3s", "+2e14d", "+1e306d", "nan", "+inf", "1..2s", ".", "1x", "--1s", "1h-2m",
        ])
    func refused(text: String) {
        #expect(throws: TimeValue.Problem.self) { try TimeValue.duration(text) }
    }

    @Test(
        "beyond 100 years is out of range, not a trap",
        arguments: ["+99999999999d", "36600d1s", "999999999999999999999s"])
    func outOfRange(text: String) {
        #expect(throws: TimeValue.Problem.outOfRange(text)) { try TimeValue.duration(text) }
    }

    @Test("clock offsets keep the clock within 1970...9999")
    func clocks() throws {
        let now = Date(timeIntervalSince1970: 1_777_626_000)
        #expect(try TimeValue.clockOffset("+16m", now: now) == 960)
        #expect(try TimeValue.clockOffset("2026-05-01T09:16:00Z", now: now) == 960)
        #expect(throws: TimeValue.Problem.self) { try TimeValue.clockOffset("-60y", now: now) }
        #expect(throws: TimeValue.Problem.self) { try TimeValue.clockOffset("-36000d", now: now) }
        #expect(throws: TimeValue.Problem.self) {
            try TimeValue.clockOffset("1969-12-31T23:59:59Z", now: now)
        }
        #expect(throws: TimeValue.Problem.self) { try TimeValue.instant("\u{1B}]0;x\u{07}") }
        #expect(try TimeValue.instant("1777626000", unixSeconds: true) == now)
        let message = "\(TimeValue.Problem.notAClock("\u{1B}]52;c;eA==\u{07}"))"
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 }, "the problem's text is clean")
    }

    @Test("policy values are range-checked; real stores are held to the floors")
    func policyRanges() {
        var policy = Policy()
        #expect(policy.problems().isEmpty)
        #expect(policy.weaknesses().isEmpty, "the defaults meet every floor")
        policy.sms.lifetimeSeconds = Int.max
        policy.wrongCodes.lockSeconds = Int.max
        #expect(policy.problems().contains("sms.lifetimeSeconds must be at most 86400"))
        #expect(policy.problems().contains("wrongCodes.lockSeconds must be at most 31536000"))
        var weak = Policy()
        weak.password.iterations = 1
        weak.password.minLength = 1
        weak.password.rejectCommon = false
        weak.login.lockAfter = 1_000_000
        weak.push.numberMatching = false
        let found = weak.weaknesses().joined(separator: "\n")
        for field in [
            "password.iterations", "password.minLength", "password.rejectCommon", "login.lockAfter",
            "push.numberMatching",
        ] {
            #expect(found.contains(field), "\(field)")
        }
    }
}

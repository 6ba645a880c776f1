import Foundation
import Testing

@testable import OneTimePassword

@Suite("TOTP steps, verification window and replay")
struct TOTPTests {
    let totp: TOTP
    /// 2026-05-01T09:00:10Z: 10 s into a 30 s step.
    let now = Date(timeIntervalSince1970: 1_777_626_010)

    init() throws {
        totp = try TOTP(secret: Array("12345678901234567890".utf8))
    }

    @Test func stepAndSecondsRemaining() throws {
        #expect(totp.step(at: now) == 1_777_626_010 / 30)
        #expect(totp.secondsRemaining(at: now) == 20)
        #expect(totp.secondsRemaining(at: Date(timeIntervalSince1970: 1_777_626_000)) == 30)
        #expect(totp.secondsRemaining(at: Date(timeIntervalSince1970: 1_777_626_029.9)) == 1)
        #expect(totp.step(at: Date(timeIntervalSince1970: -5)) == 0)
        let oneSecond = try TOTP(secret: totp.secret, period: 1)
        #expect(oneSecond.step(at: now) == 1_777_626_010)
        #expect(oneSecond.secondsRemaining(at: now) == 1)
    }

    @Test("each step in the window is accepted with its offset", arguments: -1...1)
    func windowOffsets(offset: Int) {
        let step = UInt64(Int(totp.step(at: now)) + offset)
        #expect(totp.verify(totp.code(step: step), at: now) == .accepted(step: step, offset: offset))
    }

    @Test func clockSkewIsTheOffsetInSeconds() {
        #expect(TOTPVerification.accepted(step: 9, offset: 1).clockSkew(period: 30) == 30)
        #expect(TOTPVerification.accepted(step: 9, offset: -2).clockSkew(period: 60) == -120)
        #expect(TOTPVerification.accepted(step: 9, offset: 0).clockSkew(period: 30) == 0)
        #expect(TOTPVerification.replayed(step: 9).clockSkew(period: 30) == nil)
        #expect(TOTPVerification.invalid.clockSkew(period: 30) == nil)
    }

    @Test func outsideTheWindowIsInvalid() {
        let current = totp.step(at: now)
        for step in [current - 3, current - 2, current + 2, current + 3] {
            let code = totp.code(step: step)
            // Skip the one-in-a-million collision with a code inside the window.
            let collides = (current - 1...current + 1).contains { totp.code(step: $0) == code }
            if collides { continue }
            #expect(totp.verify(code, at: now) == .invalid)
        }
    }

    @Test func widerWindowReportsTheClockSkew() {
        let ahead = totp.step(at: now) + 2
        #expect(totp.verify(totp.code(step: ahead), at: now, window: 2) == .accepted(step: ahead, offset: 2))
        #expect(totp.verify(totp.code(at: now), at: now, window: 0) == .accepted(step: ahead - 2, offset: 0))
    }

    @Test func replayAtOrBeforeTheLastAcceptedStepIsRefused() {
        let current = totp.step(at: now)
        let code = totp.code(step: current)
        #expect(totp.verify(code, at: now, lastAcceptedStep: current) == .replayed(step: current))
        #expect(totp.verify(code, at: now, lastAcceptedStep: current + 1) == .replayed(step: current))
        #expect(
            totp.verify(code, at: now, lastAcceptedStep: current - 1) == .accepted(step: current, offset: 0))
        let next = totp.code(step: current + 1)
        #expect(
            totp.verify(next, at: now, lastAcceptedStep: current) == .accepted(step: current + 1, offset: 1))
    }

    @Test func malformedCodesAreInvalid() {
        let code = totp.code(at: now)
        #expect(totp.verify(String(code.prefix(5)), at: now) == .invalid)
        #expect(totp.verify(code + "0", at: now) == .invalid)
        #expect(totp.verify("", at: now) == .invalid)
        #expect(totp.verify("12345a", at: now) == .invalid)
        #expect(totp.verify("١٢٣٤٥٦", at: now) == .invalid)
        let spaced = String(code.prefix(3)) + " " + String(code.suffix(3))
        #expect(totp.verify(spaced, at: now) == .accepted(step: totp.step(at: now), offset: 0))
    }

    @Test func parametersOutOfRangeAreRefused() {
        #expect(throws: OTPError.emptySecret) { try TOTP(secret: []) }
        #expect(throws: OTPError.digitsOutOfRange(5)) { try TOTP(secret: [1], digits: 5) }
        #expect(throws: OTPError.digitsOutOfRange(9)) { try TOTP(secret: [1], digits: 9) }
        #expect(throws: OTPError.periodOutOfRange(0)) { try TOTP(secret: [1], period: 0) }
        #expect(throws: OTPError.digitsOutOfRange(10)) { try HOTP(secret: [1], digits: 10) }
    }

    @Test func codesAreZeroPadded() throws {
        // Find a step whose 6-digit code starts with 0 and check its length and value.
        for step in UInt64(0)..<500 {
            let code = totp.code(step: step)
            #expect(code.count == 6)
            if code.hasPrefix("0") { return }
        }
        Issue.record("no code with a leading zero in 500 steps")
    }

    @Test func constantTimeEqualCompares() {
        #expect(constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEqual([1, 2, 3], [1, 2]))
        #expect(constantTimeEqual([UInt8](), []))
        #expect(constantTimeEqual("abc", "abc"))
        #expect(!constantTimeEqual("abc", "abd"))
    }
}

import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// The pure policy checks of section 3, with explicit instants.
@Suite struct PolicyTests {
    let now = Date(timeIntervalSince1970: 1_777_626_000)
    let common = CommonPasswords.bundled

    @Test func passwordLengthsAreCountedAfterNFCAndNeverTruncated() {
        let policy = Policy().password
        #expect(PasswordPolicy.check("", policy: policy, common: common) == .empty)
        #expect(PasswordPolicy.check("kq7#vbn", policy: policy, common: common) == .tooShort(minimum: 8))
        // Seven decomposed "é" are 14 scalars but 7 characters after NFC: too short.
        let decomposed = String(repeating: "e\u{301}", count: 7)
        #expect(PasswordPolicy.check(decomposed, policy: policy, common: common) == .tooShort(minimum: 8))
        #expect(PasswordPolicy.check(decomposed + "x", policy: policy, common: common) == nil)
        let longest = String(repeating: "kq7#", count: 64)
        #expect(PasswordPolicy.check(longest, policy: policy, common: common) == nil)
        #expect(PasswordPolicy.check(longest + "z", policy: policy, common: common) == .tooLong(maximum: 256))
        #expect(
            PasswordPolicy.check("kq7#vbn-x", confirmation: "kq7#vbn-X", policy: policy, common: common)
                == .mismatch)
    }

    @Test func commonPasswordsAreRefusedInAnyCase() {
        let policy = Policy().password
        #expect(common.entries.count >= 10_000)
        for password in ["password", "PASSWORD1", "Iloveyou", "qwertyuiop", "sunshine"] {
            #expect(PasswordPolicy.check(password, policy: policy, common: common) == .common, "\(password)")
        }
        #expect(PasswordPolicy.check("violet staple orbit", policy: policy, common: common) == nil)
    }

    @Test func logInBackOffDoublesFromOneMinuteToFifteen() {
        let policy = Policy().login
        let table = (1...16).map { LoginPolicy.backoff(failures: $0, policy: policy) }
        #expect(table == [0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 120, 240, 480, 900, 900, 900])

        var account = Account(
            email: "a@b.c", displayName: "A", company: "c", passwordHash: "x", createdAt: now)
        for _ in 1...9 { #expect(LoginPolicy.recordFailure(&account, policy: policy, now: now) == nil) }
        #expect(LoginPolicy.recordFailure(&account, policy: policy, now: now) == now.addingTimeInterval(60))
        #expect(
            LoginPolicy.lockedUntil(account, now: now.addingTimeInterval(59)) == now.addingTimeInterval(60))
        #expect(LoginPolicy.lockedUntil(account, now: now.addingTimeInterval(60)) == nil)
        LoginPolicy.recordSuccess(&account)
        #expect(account.failedLogins == 0 && account.lockouts == 0 && account.lockedUntil == nil)
    }

    @Test func aChallengeExpiresAtFifteenMinutesAndIsVoidAfterFiveWrongCodes() {
        let policy = Policy().wrongCodes
        var challenge = CodeChallenge(
            id: "c", factorID: "f", codeHash: "h", issuedAt: now, expiresAt: now.addingTimeInterval(900))
        #expect(CodePolicy.state(of: challenge, now: now.addingTimeInterval(899), policy: policy) == .open)
        #expect(CodePolicy.state(of: challenge, now: now.addingTimeInterval(900), policy: policy) == .expired)
        challenge.wrongAttempts = 4
        #expect(CodePolicy.state(of: challenge, now: now, policy: policy) == .open)
        challenge.wrongAttempts = 5
        #expect(CodePolicy.state(of: challenge, now: now, policy: policy) == .voided)
        challenge.used = true
        #expect(CodePolicy.state(of: challenge, now: now, policy: policy) == .used)
    }

    @Test func tenConsecutiveWrongCodesLockTheFactorForFifteenMinutes() {
        let policy = Policy().wrongCodes
        var factor = Factor(id: "f", kind: .totp, state: .active, createdAt: now)
        for _ in 1...9 { #expect(CodePolicy.recordWrongCode(&factor, policy: policy, now: now) == nil) }
        CodePolicy.recordSuccess(&factor)
        for _ in 1...9 { #expect(CodePolicy.recordWrongCode(&factor, policy: policy, now: now) == nil) }
        #expect(CodePolicy.recordWrongCode(&factor, policy: policy, now: now) == now.addingTimeInterval(900))
        #expect(CodePolicy.lockedUntil(factor, now: now.addingTimeInterval(899)) != nil)
        #expect(CodePolicy.lockedUntil(factor, now: now.addingTimeInterval(900)) == nil)
    }

    @Test func smsResendCooldownAndHourlyCap() {
        let policy = Policy().sms
        #expect(SendPolicy.sms(sentAt: [], now: now, policy: policy) == .allowed)
        #expect(
            SendPolicy.sms(sentAt: [now], now: now.addingTimeInterval(29), policy: policy)
                == .coolingDown(until: now.addingTimeInterval(30)))
        #expect(SendPolicy.sms(sentAt: [now], now: now.addingTimeInterval(30), policy: policy) == .allowed)
        let ten = (0..<10).map { now.addingTimeInterval(Double($0) * 60) }
        let later = now.addingTimeInterval(700)
        #expect(
            SendPolicy.sms(sentAt: ten, now: later, policy: policy)
                == .rateLimited(until: now.addingTimeInterval(3600)))
        #expect(SendPolicy.sms(sentAt: ten, now: now.addingTimeInterval(3600), policy: policy) == .allowed)
    }

    @Test func pushRequestsFivePerTenMinutes() {
        let policy = Policy().push
        let five = (0..<5).map { now.addingTimeInterval(Double($0)) }
        #expect(
            SendPolicy.push(
                requestedAt: Array(five.prefix(4)), now: now.addingTimeInterval(5), policy: policy)
                == .allowed)
        #expect(
            SendPolicy.push(requestedAt: five, now: now.addingTimeInterval(5), policy: policy)
                == .rateLimited(until: now.addingTimeInterval(600)))
        #expect(
            SendPolicy.push(requestedAt: five, now: now.addingTimeInterval(600), policy: policy) == .allowed)
    }

    @Test func trustedDevicesExpireAfterThirtyDays() {
        let expiry = TrustPolicy.expiry(from: now, policy: Policy().trust)
        #expect(expiry == now.addingTimeInterval(30 * 86_400))
        var account = Account(
            email: "a@b.c", displayName: "A", company: "c", passwordHash: "x", createdAt: now)
        account.trustedDevices = [
            TrustedDevice(id: "d", name: "n", tokenHash: "H", createdAt: now, expiresAt: expiry)
        ]
        let match: (String, String) -> Bool = { token, hash in token.uppercased() == hash }
        #expect(
            TrustPolicy.device(in: account, token: "h", now: expiry.addingTimeInterval(-1), matches: match)?
                .id == "d")
        #expect(TrustPolicy.device(in: account, token: "h", now: expiry, matches: match) == nil)
        #expect(TrustPolicy.device(in: account, token: "x", now: now, matches: match) == nil)
        #expect(TrustPolicy.device(in: account, token: nil, now: now, matches: match) == nil)
        TrustPolicy.prune(&account, now: expiry)
        #expect(account.trustedDevices.isEmpty)
    }
}

import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// The verification rules as tables: the records before, what the comparison found, and
/// the answer and records after. No secret, no clock, no store.
@Suite struct CodeVerificationTests {
    static let now = Date(timeIntervalSince1970: 1_777_626_000)
    static let policy = Policy.WrongCodes()  // 5 per challenge, lock after 10 for 900 s

    static func factor(failures: Int = 0, lockedFor seconds: TimeInterval? = nil, offsets: [Int]? = nil) -> Factor {
        var factor = Factor(id: "f1", kind: .totp, state: .active, createdAt: now)
        factor.consecutiveFailures = failures
        factor.lockedUntil = seconds.map { now.addingTimeInterval($0) }
        factor.recentOffsets = offsets
        return factor
    }

    struct TOTPRow: Sendable, CustomTestStringConvertible {
        var name: String
        var factor: Factor
        var match: TOTPVerification
        var result: Result<Int, CodeRefusal>
        var failuresAfter: Int
        var matched: Bool = true
        var testDescription: String { name }
    }

    static let lockEnd = now.addingTimeInterval(900)

    static let totpRows: [TOTPRow] = [
        TOTPRow(
            name: "accepted on time", factor: factor(failures: 3), match: .accepted(step: 7, offset: 0),
            result: .success(0), failuresAfter: 0),
        TOTPRow(
            name: "a fast clock is learnt only from agreeing accepted codes",
            factor: factor(offsets: [1, 1]), match: .accepted(step: 7, offset: 1), result: .success(30),
            failuresAfter: 0),
        TOTPRow(
            name: "one early code says nothing", factor: factor(offsets: [0, 0]),
            match: .accepted(step: 7, offset: -1), result: .success(0), failuresAfter: 0),
        TOTPRow(
            name: "wrong", factor: factor(failures: 2), match: .invalid, result: .failure(.wrong(remaining: nil)),
            failuresAfter: 3),
        TOTPRow(
            name: "replayed counts as wrong", factor: factor(failures: 0), match: .replayed(step: 6),
            result: .failure(.replayed), failuresAfter: 1),
        TOTPRow(
            name: "the tenth wrong code locks", factor: factor(failures: 9), match: .invalid,
            result: .failure(.factorLocked(until: lockEnd)), failuresAfter: 0),
        TOTPRow(
            name: "locked: not even compared", factor: factor(lockedFor: 60), match: .accepted(step: 7, offset: 0),
            result: .failure(.factorLocked(until: now.addingTimeInterval(60))), failuresAfter: 0, matched: false),
        TOTPRow(
            name: "an ended lock is over", factor: factor(lockedFor: -1), match: .accepted(step: 7, offset: 0),
            result: .success(0), failuresAfter: 0),
    ]

    @Test(arguments: totpRows) func totp(_ row: TOTPRow) {
        var factor = row.factor
        var compared = false
        let result = CodeVerification.totp(&factor, now: Self.now, period: 30, policy: Self.policy) {
            compared = true
            return row.match
        }
        #expect(result == row.result)
        #expect(factor.consecutiveFailures == row.failuresAfter)
        #expect(compared == row.matched)
        if case .accepted(let step, _) = row.match, row.matched {
            #expect(factor.lastAcceptedStep == step)
            #expect(factor.lockedUntil == nil)
        } else {
            #expect(factor.lastAcceptedStep == row.factor.lastAcceptedStep)
        }
    }

    static func account(challenge: CodeChallenge?, failures: Int = 0) -> Account {
        var account = Account(email: "a@example.com", displayName: "A", company: "C", passwordHash: "x", createdAt: now)
        var factor = factor(failures: failures)
        factor.kind = .sms
        account.factors = [factor]
        account.pendingChallenge = challenge
        return account
    }

    static func challenge(wrong: Int = 0, used: Bool = false, expiresIn: TimeInterval = 300) -> CodeChallenge {
        var challenge = CodeChallenge(
            id: "c1", factorID: "f1", codeHash: "H", issuedAt: now, expiresAt: now.addingTimeInterval(expiresIn))
        challenge.wrongAttempts = wrong
        challenge.used = used
        return challenge
    }

    struct SentRow: Sendable, CustomTestStringConvertible {
        var name: String
        var account: Account
        var factorID = "f1"
        var correct: Bool
        var result: Result<Void, CodeRefusal>
        var wrongAfter: Int?
        var usedAfter: Bool?
        var testDescription: String { name }
    }

    static let sentRows: [SentRow] = [
        SentRow(
            name: "right code", account: account(challenge: challenge()), correct: true, result: .success(()),
            wrongAfter: 0, usedAfter: true),
        SentRow(
            name: "wrong: tries left", account: account(challenge: challenge(wrong: 1)), correct: false,
            result: .failure(.wrong(remaining: 3)), wrongAfter: 2, usedAfter: false),
        SentRow(
            name: "the fifth wrong code voids it", account: account(challenge: challenge(wrong: 4)), correct: false,
            result: .failure(.voided), wrongAfter: 5, usedAfter: false),
        SentRow(
            name: "void stays void even for the right code", account: account(challenge: challenge(wrong: 5)),
            correct: true, result: .failure(.voided), wrongAfter: 5, usedAfter: false),
        SentRow(
            name: "used once", account: account(challenge: challenge(used: true)), correct: true,
            result: .failure(.replayed), wrongAfter: 0, usedAfter: true),
        SentRow(
            name: "expired", account: account(challenge: challenge(expiresIn: 0)), correct: true,
            result: .failure(.expired), wrongAfter: 0, usedAfter: false),
        SentRow(
            name: "nothing sent", account: account(challenge: nil), correct: true, result: .failure(.noChallenge),
            wrongAfter: nil, usedAfter: nil),
        SentRow(
            name: "another factor's challenge", account: account(challenge: challenge()), factorID: "f9",
            correct: true, result: .failure(.noChallenge), wrongAfter: 0, usedAfter: false),
        SentRow(
            name: "the factor's tenth failure locks it", account: account(challenge: challenge(), failures: 9),
            correct: false, result: .failure(.factorLocked(until: lockEnd)), wrongAfter: 1, usedAfter: false),
    ]

    @Test(arguments: sentRows) func sentCode(_ row: SentRow) {
        var account = row.account
        let result = CodeVerification.sentCode(&account, factorID: row.factorID, now: Self.now, policy: Self.policy) {
            #expect($0 == "H")
            return row.correct
        }
        switch (result, row.result) {
        case (.success, .success): break
        case (.failure(let got), .failure(let want)): #expect(got == want)
        default: Issue.record("got \(result), want \(row.result)")
        }
        #expect(account.pendingChallenge?.wrongAttempts == row.wrongAfter)
        #expect(account.pendingChallenge?.used == row.usedAfter)
    }

    @Test func recoveryCodesCountAsLogInFailures() {
        var account = Self.account(challenge: nil)
        account.recoveryCodeHash = "R"
        var login = Policy.Login()
        login.lockAfter = 2
        let wrong = CodeVerification.recoveryCode(&account, now: Self.now, policy: login) { _ in false }
        #expect(wrong.failureValue == .wrong(remaining: nil))
        #expect(account.failedLogins == 1)
        let locking = CodeVerification.recoveryCode(&account, now: Self.now, policy: login) { _ in false }
        guard case .factorLocked? = locking.failureValue else {
            Issue.record("the second failure locks: \(locking)")
            return
        }
        let refused = CodeVerification.recoveryCode(&account, now: Self.now, policy: login) { _ in true }
        guard case .factorLocked? = refused.failureValue else {
            Issue.record("a locked account refuses even the right code: \(refused)")
            return
        }
        #expect(account.recoveryCodeHash == "R", "a refused code is not used up")
        var fresh = Self.account(challenge: nil)
        fresh.recoveryCodeHash = "R"
        #expect(CodeVerification.recoveryCode(&fresh, now: Self.now, policy: login) { $0 == "R" }.failureValue == nil)
        #expect(fresh.recoveryCodeHash == nil, "used up")
    }
}

extension Result {
    fileprivate var failureValue: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

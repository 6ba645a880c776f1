import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// `reduce` for the challenge at log-in, "Try another method" and recovery-code log-in.
@Suite struct ChallengeReduceTests {
    typealias F = ReduceFixture

    /// The challenge at log-in asking for `method`, on its own screen or on `screen`.
    static func challenged(
        _ method: any ScreenFeature, screen: ChallengeState.Screen = .method, focus: String? = nil
    ) -> FlowState {
        F.state(
            .challenge(F.alice, ChallengeState(method: MethodScreen(method), screen: screen)), focus: focus)
    }

    static let totp = AuthenticatorChallenge(factorID: "f-totp")

    @Test func theCodeIsVerifiedWithTheRememberChoice() {
        var start = Self.challenged(Self.totp, focus: "remember")
        start.form.set("code", "123456")
        let (ticked, _) = F.reduce(start, .key(.space))
        var expected = start
        expected.form.checks["remember"] = true
        #expect(ticked == expected)
        let (_, effects) = F.keys(ticked, [.tab, .enter])
        #expect(effects == [.verifyChallengeCode(factorID: "f-totp", code: "123456", remember: true)])
    }

    @Test func tryAnotherMethodListsTheOtherFactorsAndRecoveryCode() {
        let start = Self.challenged(Self.totp, focus: "another")
        let (choose, _) = F.reduce(start, .key(.enter))
        let expected = F.moved(
            start,
            to: .challenge(F.alice, ChallengeState(method: MethodScreen(Self.totp), screen: .chooseAnother)))
        #expect(choose == expected)
        guard
            case .list(let list)? = Screens.make(choose, F.context).elements.first(where: {
                $0.focusID == "methods"
            })
        else {
            Issue.record("no list")
            return
        }
        #expect(list.items.map(\.label) == ["Authenticator app", "SMS", "Recovery code"])

        let (sms, effects) = F.keys(choose, [.down, .enter])
        let toSMS = F.moved(
            choose,
            to: .challenge(
                F.alice,
                ChallengeState(method: MethodScreen(SMSChallenge(factorID: "f-sms")), screen: .method)))
        #expect(sms == toSMS)
        #expect(effects == [.startChallenge(factorID: "f-sms")])

        let (recovery, none) = F.keys(choose, [.end, .enter])
        let toRecovery = F.moved(
            choose,
            to: .challenge(F.alice, ChallengeState(method: MethodScreen(Self.totp), screen: .recoveryCode)))
        #expect(recovery == toRecovery)
        #expect(none.isEmpty)
        #expect(F.reduce(recovery, .key(.escape)).0.page == .challengeTOTP)
    }

    @Test func theRecoveryCodeIsSentAsTyped() {
        var start = Self.challenged(Self.totp, screen: .recoveryCode, focus: "code")
        start.form.set("code", " abcd-efgh ")
        #expect(F.reduce(start, .key(.enter)).1 == [.verifyRecoveryCode("abcd-efgh", remember: false)])
    }

    @Test func aRecoveryLogInShowsTheNewCodeThenHomeWithANotice() {
        let start = Self.challenged(Self.totp, screen: .recoveryCode)
        let (after, _) = F.reduce(
            start, .result(.challengePassed(F.alice, recoveryCode: "NEW1-CODE", skewSeconds: 0)))
        let expected = F.state(
            .recoveryCode(
                F.alice,
                RecoveryCodeState(code: "NEW1-CODE", next: .home, notice: F.strings["recovery.usedNotice"])))
        #expect(after == expected)
        var ticked = after
        ticked.form.checks["recorded"] = true
        ticked.form.focus = "continue"
        let (home, _) = F.reduce(ticked, .key(.enter))
        #expect(home.page == .home)
        #expect(home.homeNotice == F.strings["recovery.usedNotice"])
    }

    @Test func pushPollsWhileWaitingOnly() {
        var start = Self.challenged(PushChallenge(factorID: "f-push"))
        #expect(F.reduce(start, .tick).1.isEmpty, "nothing to poll before the request exists")
        start =
            F.reduce(
                start,
                .result(
                    .pushRequested(
                        requestID: "r1", numberToMatch: 42, expiresAt: F.now.addingTimeInterval(300)))
            ).0
        #expect(start.pushChallenge?.request?.id == "r1")
        #expect(F.reduce(start, .tick).1 == [.checkPushLogin(requestID: "r1", remember: false)])
        #expect(Screens.make(start, F.context).wantsPolling)
        let (denied, _) = F.reduce(start, .result(.pushDenied))
        #expect(denied.pushChallenge?.outcome == .denied)
        #expect(F.reduce(denied, .tick).1.isEmpty)
        #expect(!Screens.make(denied, F.context).wantsPolling)
    }

    @Test func escOnTheChallengeLogsOut() {
        let start = Self.challenged(Self.totp)
        #expect(F.reduce(start, .key(.escape)) == (FlowState(), [.logOut]))
    }
}

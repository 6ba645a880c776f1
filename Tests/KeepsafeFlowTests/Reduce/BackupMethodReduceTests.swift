import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// `reduce` for "Add a backup method" and "Remove a method": the second factor first,
/// a backup of a kind not set up yet, and never the last method removed.
@Suite struct BackupMethodReduceTests {
    typealias F = ReduceFixture

    static var totpOnly: AccountSummary {
        var account = F.alice
        account.factors = [.init(id: "f-totp", kind: .totp)]
        return account
    }

    func focusIDs(_ account: AccountSummary) -> [String] {
        Screens.make(F.state(.profile(account, .twoFactor)), F.context).elements.compactMap(\.focusID)
    }

    @Test func theButtonsFollowTheMethodsSetUp() {
        #expect(focusIDs(Self.totpOnly).contains("addBackup"))
        #expect(!focusIDs(Self.totpOnly).contains("removeMethod"), "one method: nothing to remove")
        #expect(focusIDs(F.alice).contains("addBackup") && focusIDs(F.alice).contains("removeMethod"))
        var all = F.alice
        all.factors.append(.init(id: "f-push", kind: .push, detail: "Pixel"))
        #expect(!focusIDs(all).contains("addBackup"), "every kind is set up")
        var none = F.alice
        none.factors = []
        #expect(!focusIDs(none).contains("addBackup") && !focusIDs(none).contains("removeMethod"))
        let labels = Screens.make(F.state(.profile(F.alice, .twoFactor)), F.context).elements.compactMap {
            element -> String? in
            if case .button(let button) = element { return button.label }
            return nil
        }
        #expect(labels.contains("Add a backup method") && labels.contains("Remove a method"))
    }

    @Test func aBackupNeedsTheSecondFactorThenOffersOnlyNewKinds() {
        let start = F.state(.profile(Self.totpOnly, .twoFactor), focus: "addBackup")
        let (asked, effects) = F.reduce(start, .key(.enter))
        #expect(asked.page == .profileVerify)
        #expect(asked.stepUpTarget == .addBackup)
        #expect(effects.isEmpty, "no enrollment on the password alone")
        let (choose, started) = F.reduce(asked, .result(.stepUpPassed(Self.totpOnly)))
        #expect(started == [.beginBackupEnrollment])
        #expect(choose.page == .mfaChoose)
        #expect(choose.enrollmentPurpose == .addBackup)
        let screen = Screens.make(choose, F.context)
        let items = screen.elements.compactMap { element -> [String]? in
            if case .list(let list) = element { return list.items.map(\.id) }
            return nil
        }.first
        #expect(items == ["push", "sms"], "the authenticator app is set up already")
        #expect(screen.elements.contains(.paragraph(F.strings["choose.introBackup"])))
        #expect(F.reduce(choose, .key(.escape)).0.page == .profileMFA)
    }

    @Test func aCompletedBackupReturnsToTheTwoFactorPage() {
        let enrolling = F.state(.enrollment(Self.totpOnly, EnrollmentState(purpose: .addBackup)))
        let (after, _) = F.reduce(enrolling, .result(.enrollmentCompleted(F.alice, recoveryCode: nil, skewSeconds: 0)))
        var expected = F.state(.profile(F.alice, .twoFactor))
        expected.messages = [Message(.success, F.strings["profile.backupAdded"])]
        #expect(after == expected)
    }

    @Test func removingAMethodNeedsTheSecondFactor() {
        let start = F.state(.profile(F.alice, .twoFactor), focus: "removeMethod")
        let (list, _) = F.reduce(start, .key(.enter))
        #expect(list.page == .profileRemoveMethod)
        var chosen = list
        chosen.form.focus = "methods"
        let (asked, effects) = F.keys(chosen, [.down, .enter])
        #expect(asked.stepUpTarget == .removeMethod(id: "f-sms"))
        #expect(effects.isEmpty, "the preferred method is the authenticator: nothing to send")
        #expect(F.reduce(asked, .result(.stepUpPassed(F.alice))).1 == [.removeFactor(id: "f-sms")])
        let (removed, _) = F.reduce(asked, .result(.factorRemoved(Self.totpOnly)))
        var expected = F.state(.profile(Self.totpOnly, .twoFactor))
        expected.messages = [Message(.success, F.strings["profile.methodRemoved"])]
        #expect(removed == expected)
        #expect(F.reduce(list, .key(.escape)).0.page == .profileMFA)
    }

    @Test func theLastMethodIsNeverOffered() {
        let start = F.state(.profile(Self.totpOnly, .removeMethod), focus: "methods")
        let (after, effects) = F.reduce(start, .key(.enter))
        #expect(effects.isEmpty)
        #expect(after.page == .profileRemoveMethod)
        #expect(after.messages == [Message(.error, F.strings["profile.lastMethod"])])
        let (refused, _) = F.reduce(
            F.state(.profile(F.alice, .stepUp(.init(target: .removeMethod(id: "f-sms"))))),
            .result(.factorRemovalRefused))
        #expect(refused.messages == [Message(.error, F.strings["profile.lastMethod"])])
    }

    @Test func tryAnotherMethodListsEveryMethodAndTheRecoveryCode() {
        let state = F.state(F.portal(showing: .challengeChoose))
        let items = Screens.make(state, F.context).elements.compactMap { element -> [String]? in
            if case .list(let list) = element { return list.items.map(\.label) }
            return nil
        }.first
        #expect(items == ["Authenticator app", "SMS", "Recovery code"])
    }
}

import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// Every link, Cancel/Back button and Esc of every page: where it leads and what it asks
/// the runtime, table-driven.
@Suite struct NavigationReduceTests {
    typealias F = ReduceFixture

    struct Move: Sendable, CustomTestStringConvertible {
        var from: Page
        var focus: String?
        var key: Key
        var to: Page
        var effects: [Effect] = []
        var purpose: EnrollmentPurpose = .initial
        var testDescription: String { "\(from.rawValue) \(focus ?? "-") \(key) → \(to.rawValue)" }
    }

    static let moves: [Move] = [
        Move(from: .login, focus: "signup", key: .enter, to: .signup),
        Move(from: .login, focus: "help", key: .enter, to: .help),
        Move(from: .login, focus: nil, key: .escape, to: .login),
        Move(from: .signup, focus: "login", key: .enter, to: .login),
        Move(from: .signup, focus: nil, key: .escape, to: .login),
        Move(from: .mfaChoose, focus: "logout", key: .enter, to: .login, effects: [.logOut]),
        Move(from: .mfaChoose, focus: "cancel", key: .enter, to: .profileMFA, purpose: .changeMethod),
        Move(from: .mfaChoose, focus: nil, key: .escape, to: .profileMFA, purpose: .changeMethod),
        Move(from: .enrollPushInstall, focus: "another", key: .enter, to: .mfaChoose),
        Move(from: .enrollPushInstall, focus: nil, key: .escape, to: .mfaChoose),
        Move(from: .enrollPushQR, focus: "another", key: .enter, to: .mfaChoose),
        Move(from: .enrollTOTP, focus: "another", key: .enter, to: .mfaChoose),
        Move(from: .enrollSMSNumber, focus: "another", key: .enter, to: .mfaChoose),
        Move(from: .enrollSMSNumber, focus: "another", key: .enter, to: .profileMFA, purpose: .changeNumber),
        Move(from: .enrollSMSCode, focus: "changeNumber", key: .enter, to: .enrollSMSNumber),
        Move(from: .enrollSMSCode, focus: nil, key: .escape, to: .enrollSMSNumber),
        Move(from: .recoveryShow, focus: nil, key: .escape, to: .recoveryShow),
        Move(from: .home, focus: "profile", key: .enter, to: .profile),
        Move(from: .home, focus: "invite", key: .enter, to: .invite),
        Move(from: .home, focus: "help", key: .enter, to: .help),
        Move(from: .home, focus: "logout", key: .enter, to: .login, effects: [.logOut]),
        Move(from: .home, focus: nil, key: .escape, to: .home),
        Move(from: .invite, focus: "cancel", key: .enter, to: .home),
        Move(from: .inviteSent, focus: "another", key: .enter, to: .invite),
        Move(from: .inviteSent, focus: "home", key: .enter, to: .home),
        Move(from: .profile, focus: "mfa", key: .enter, to: .profilePassword),
        Move(from: .profile, focus: "home", key: .enter, to: .home),
        Move(from: .profile, focus: nil, key: .escape, to: .home),
        Move(from: .profilePassword, focus: "cancel", key: .enter, to: .profile),
        Move(from: .profilePassword, focus: nil, key: .escape, to: .profile),
        Move(from: .profileMFA, focus: "back", key: .enter, to: .profile),
        Move(from: .profileMFA, focus: nil, key: .escape, to: .profile),
        Move(from: .profileDisable, focus: "cancel", key: .enter, to: .profileMFA),
        Move(from: .profileDisable, focus: nil, key: .escape, to: .profileMFA),
        Move(from: .challengeTOTP, focus: "another", key: .enter, to: .challengeChoose),
        Move(from: .challengeTOTP, focus: "logout", key: .enter, to: .login, effects: [.logOut]),
        Move(from: .challengeChoose, focus: "back", key: .enter, to: .challengeTOTP),
        Move(from: .challengeChoose, focus: nil, key: .escape, to: .challengeTOTP),
        Move(from: .challengeRecovery, focus: "another", key: .enter, to: .challengeChoose),
        Move(from: .challengeRecovery, focus: nil, key: .escape, to: .challengeTOTP),
        // The push code page belongs to a push challenge: Esc returns to its request page.
        Move(from: .challengePushCode, focus: nil, key: .escape, to: .challengePush),
        Move(from: .help, focus: "back", key: .enter, to: .home),
        Move(from: .help, focus: nil, key: .escape, to: .home),
    ]

    @Test(arguments: moves)
    func move(_ move: Move) {
        // The challenge asks for the authenticator app, Help returns home and the
        // recovery code leads home (`F.portal(showing:)`'s samples).
        let start = F.state(
            F.portal(
                showing: move.from, purpose: move.purpose,
                recovery: RecoveryCodeState(code: "AAAA", next: .home),
                helpReturn: .home(F.alice, HomeState())),
            focus: move.focus)
        let (after, effects) = F.reduce(start, .key(move.key))
        #expect(after.page == move.to)
        #expect(effects == move.effects)
        if move.to != move.from { #expect(after.messages.isEmpty) }
    }

    @Test func helpOpensFromEveryPageWithF1AndReturnsThere() {
        for page in Page.allCases where ![.help, .helpAccount].contains(page) {
            let start = F.state(F.portal(showing: page))
            let (help, effects) = F.reduce(start, .key(.help))
            #expect(help.page == .help, "\(page.rawValue)")
            #expect(help.helpReturn == start.portal)
            #expect(effects.isEmpty)
            #expect(F.reduce(help, .key(.escape)).0.page == page)
        }
    }

    @Test func helpsSecondPartOpensFromItsLinkAndEscReturnsToTheFirst() {
        let start = F.state(.entry(.logIn), values: ["email": "alice@example.com"])
        let (help, _) = F.reduce(start, .key(.help))
        var onLink = help
        onLink.form.focus = "accountTopics"
        let (second, effects) = F.reduce(onLink, .key(.enter))
        #expect(second.page == .helpAccount)
        #expect(effects.isEmpty)
        #expect(Screens.make(second, F.context).elements.contains(.heading("I forgot my password. What now?")))
        let (first, _) = F.reduce(second, .key(.escape))
        #expect(first.page == .help)
        let (back, _) = F.reduce(first, .key(.escape))
        #expect(back.page == .login)
        #expect(back.form.value("email") == "alice@example.com", "what was typed is kept")
    }

    @Test func quitFinishes() {
        let (after, effects) = F.reduce(F.state(.entry(.logIn), focus: "quit"), .key(.enter))
        #expect(after.finished)
        #expect(effects == [.quit])
    }
}

import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// Sample portal states for the table-driven tests (every page, every link) and small
/// read-outs of the feature states the white-box tests look at.
extension ReduceFixture {
    /// An SMS code just sent to the UK test number (Resend after `resendAfter` seconds).
    static func sms(resendAfter seconds: Double = 30) -> SMSProgress {
        SMSProgress(
            factorID: "f-sms", number: "+447700900123", sentAt: now, resendAt: now.addingTimeInterval(seconds)
        )
    }

    /// A place of the portal that shows `page`, filled with the given sample data. The
    /// challenge pages ask for the authenticator app (`f-totp`) unless the page belongs to
    /// another method.
    static func portal(
        showing page: Page, account: AccountSummary = alice, signedIn: Bool = true,
        purpose: EnrollmentPurpose = .initial, ticket: EnrollmentTicket = EnrollmentReduceTests.ticket,
        showsKey: Bool = false,
        sms: SMSProgress = sms(), pushRequest: PushChallenge.Request? = nil,
        recovery: RecoveryCodeState? = nil,
        inviteSentTo: String = "bob@example.com", invitation: InvitationNotice? = nil, notice: String? = nil,
        helpReturn: PortalState? = nil
    ) -> PortalState {
        let totp = MethodScreen(AuthenticatorChallenge(factorID: "f-totp"))
        let home = PortalState.home(account, HomeState(notice: notice))
        func enrolling(_ method: any ScreenFeature) -> PortalState {
            .enrollment(account, EnrollmentState(purpose: purpose, method: method))
        }
        func challenged(_ method: any ScreenFeature) -> PortalState {
            .challenge(account, ChallengeState(method: MethodScreen(method), screen: .method))
        }
        var pushTicket = ticket
        pushTicket.kind = .push
        switch page {
        case .login: return .entry(.logIn)
        case .signup: return .entry(.signUp(invitation: invitation))
        case .passwordForgot: return .passwordReset(.request)
        case .passwordReset: return .passwordReset(.reset(email: account.email))
        case .mfaChoose: return .enrollment(account, EnrollmentState(purpose: purpose))
        case .enrollPushInstall: return enrolling(PushEnrollment.install)
        case .enrollPushQR: return enrolling(PushEnrollment.scan(pushTicket, showsCode: false))
        case .enrollTOTP: return enrolling(AuthenticatorEnrollment(ticket: ticket, showsKey: showsKey))
        case .enrollSMSNumber: return enrolling(SMSEnrollment.number(picked: nil))
        case .enrollSMSCode: return enrolling(SMSEnrollment.code(sms))
        case .recoveryShow:
            return .recoveryCode(account, recovery ?? RecoveryCodeState(code: "AAAA", next: .home))
        case .home: return home
        case .invite: return .invite(account, .form)
        case .inviteSent: return .invite(account, .sent(email: inviteSentTo))
        case .profile: return .profile(account, .overview)
        case .profilePassword: return .profile(account, .password)
        case .profileMFA: return .profile(account, .twoFactor)
        case .profileDisable: return .profile(account, .disable)
        case .profileVerify: return .profile(account, .stepUp(.init(target: .changeMethod, sms: sms)))
        case .profileClock: return .profile(account, .clock)
        case .profileChangePassword: return .profile(account, .changePassword)
        case .profileRemoveMethod: return .profile(account, .removeMethod)
        case .mailVerify: return .mailbox(account, MailboxState(signedIn: signedIn))
        case .challengeTOTP: return challenged(AuthenticatorChallenge(factorID: "f-totp"))
        case .challengeSMS: return challenged(SMSChallenge(factorID: "f-sms", sms: sms))
        case .challengePush: return challenged(PushChallenge(factorID: "f-push", request: pushRequest))
        case .challengePushCode:
            return challenged(PushChallenge(factorID: "f-push", request: pushRequest, typingCode: true))
        case .challengeChoose:
            return .challenge(account, ChallengeState(method: totp, screen: .chooseAnother))
        case .challengeRecovery:
            return .challenge(account, ChallengeState(method: totp, screen: .recoveryCode))
        case .help: return .help(HelpState(returnTo: helpReturn ?? home, savedForm: FormState()))
        case .helpAccount:
            return .help(HelpState(returnTo: helpReturn ?? home, savedForm: FormState(), accountTopics: true))
        default:
            Issue.record("no sample state for the page \(page.rawValue)")
            return .entry(.logIn)
        }
    }
}

extension FlowState {
    /// The home page's notice (nil elsewhere).
    var homeNotice: String? {
        guard case .home(_, let home) = portal else { return nil }
        return home.notice
    }

    /// Why the enrollment on screen runs (nil when no enrollment is on screen).
    var enrollmentPurpose: EnrollmentPurpose? {
        guard case .enrollment(_, let enrollment) = portal else { return nil }
        return enrollment.purpose
    }

    /// What "Confirm it's you" on screen unlocks (nil elsewhere).
    var stepUpTarget: StepUpTarget? {
        guard case .profile(_, .stepUp(let stepUp)) = portal else { return nil }
        return stepUp.target
    }

    /// The push challenge on screen, if any.
    var pushChallenge: PushChallenge? {
        guard case .challenge(_, let challenge) = portal else { return nil }
        return challenge.method?.base as? PushChallenge
    }

    /// Where Help's Back returns to (nil when Help is not on screen).
    var helpReturn: PortalState? {
        guard case .help(let help) = portal else { return nil }
        return help.returnTo
    }
}

import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Proofs asked before a change: "Confirm it's you" (the current second factor or the
/// recovery code) before a method is replaced or MFA is disabled, the mailed code
/// before enrolling again after a disable or an admin reset, and the guided clock check.
/// A password alone never reaches enrollment or removes a factor.
extension Transition {
    /// Asks for the second factor before `target`; an SMS factor is sent a code.
    mutating func beginStepUp(_ target: StepUpTarget) {
        state.stepUpTarget = target
        state.sms = nil
        go(.profileVerify)
        if let preferred = state.account?.preferredFactor, preferred.kind == .sms {
            emit(.startChallenge(factorID: preferred.id))
        }
    }

    mutating func activateVerification(_ id: String) {
        switch (state.page, id) {
        case (.profileVerify, "continue"):
            let code = form.value("code").trimmingWhitespace
            guard !code.isEmpty else {
                say(.error, "code.missing")
                state.form.focus = "code"
                return
            }
            emit(.verifyStepUp(code: code))
        case (.profileVerify, "resend"):
            if let preferred = state.account?.preferredFactor, preferred.kind == .sms {
                emit(.startChallenge(factorID: preferred.id))
            }
        case (.profileVerify, "cancel"), (.profileClock, "back"):
            state.stepUpTarget = nil
            go(.profileMFA)
        case (.profileClock, "check"):
            let digits = context.policy.totp.digits
            let first = form.value("first").filter { $0 != " " }
            let next = form.value("next").filter { $0 != " " }
            guard
                [first, next].allSatisfy({ $0.count == digits && $0.allSatisfy { $0.isASCII && $0.isNumber } }
                )
            else {
                say(.error, "clock.format", ["digits": String(digits)])
                state.form.focus = first.count == digits ? "next" : "first"
                return
            }
            emit(.checkPhoneClock(first: first, next: next))
        case (.mailVerify, "continue"):
            guard let code = codeEntered(digits: context.policy.sms.digits) else { return }
            emit(.verifyMailboxCode(code))
        case (.mailVerify, "resend"): emit(.sendMailboxCode)
        case (.mailVerify, "logout"): logOut()
        default: break
        }
    }

    mutating func applyVerification(_ result: EffectResult) {
        switch result {
        case .stepUpPassed(let account):
            state.account = account
            let target = state.stepUpTarget
            state.stepUpTarget = nil
            switch target {
            case .changeMethod?:
                state.enrollmentPurpose = .changeMethod
                go(.mfaChoose)
            case .changeNumber?:
                state.enrollmentPurpose = .changeNumber
                go(.enrollSMSNumber)
            case .disable?: emit(.disableMFA)
            case nil: go(.profileMFA)
            }
        case .clockChecked(let drift):
            state.form.set("first", "")
            state.form.set("next", "")
            state.form.focus = "first"
            switch drift {
            case nil: say(.error, "clock.noMatch")
            case 0?: say(.success, "clock.right", ["period": String(context.policy.totp.period)])
            case let seconds?: sayText(.warning, Screens.skewHint(seconds, strings))
            }
        case .mailboxCodeSent(let email):
            say(
                .info, "mailbox.sent",
                ["email": Sanitizer.clean(email), "minutes": String(context.policy.sms.lifetimeSeconds / 60)])
        case .mailboxProved:
            state.enrollmentPurpose = state.signedIn ? .changeMethod : .initial
            go(.mfaChoose)
            say(.success, "mailbox.proved")
        default: break
        }
    }
}

import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The second-factor challenge at log-in (F2), "Try another method", recovery-code
/// log-in (F7) and "Remember this device for 30 days" (F8).
extension Transition {
    /// Shows the challenge page for `factorID` and asks the runtime to send what it needs.
    mutating func startChallenge(_ factorID: String) {
        guard let factor = state.account?.factor(id: factorID) else {
            go(.challengeRecovery)
            return
        }
        state.challenge = ChallengeProgress(factorID: factorID, kind: factor.kind)
        state.sms = nil
        switch factor.kind {
        case .totp: go(.challengeTOTP)
        case .sms: go(.challengeSMS)
        case .push: go(.challengePush)
        }
        if factor.kind != .totp { emit(.startChallenge(factorID: factorID)) }
    }

    var remember: Bool { form.isChecked("remember") }

    mutating func activateChallenge(_ id: String) {
        switch (state.page, id) {
        case (_, "another"): go(.challengeChoose)
        case (_, "logout"): logOut()
        case (.challengeChoose, "back"): backToChallenge()
        case (.challengeTOTP, "continue"), (.challengeSMS, "continue"), (.challengePushCode, "continue"):
            guard let challenge = state.challenge else { return }
            let digits = challenge.kind == .sms ? context.policy.sms.digits : context.policy.totp.digits
            guard let code = codeEntered(digits: digits) else { return }
            emit(.verifyChallengeCode(factorID: challenge.factorID, code: code, remember: remember))
        case (.challengeSMS, "resend"), (.challengePush, "resend"):
            guard let challenge = state.challenge else { return }
            emit(.startChallenge(factorID: challenge.factorID))
        case (.challengePush, "manual"):
            let checks = form.checks
            go(.challengePushCode)
            state.form.checks = checks
        case (.challengeRecovery, "continue"):
            let code = form.value("code").trimmingWhitespace
            guard !code.isEmpty else {
                say(.error, "recovery.missing")
                return
            }
            emit(.verifyRecoveryCode(code, remember: remember))
        default: break
        }
    }

    /// Back from "Try another method" to the factor being asked for.
    mutating func backToChallenge() {
        guard let challenge = state.challenge else {
            go(.challengeChoose)
            return
        }
        switch challenge.kind {
        case .totp: go(.challengeTOTP)
        case .sms: go(.challengeSMS)
        case .push: go(.challengePush)
        }
    }

    mutating func chooseChallenge(_ item: String) {
        if item == "recovery" {
            go(.challengeRecovery)
        } else if item != state.challenge?.factorID || state.challenge?.kind == .totp {
            startChallenge(item)
        } else {
            backToChallenge()
        }
    }

    mutating func pollPushLogin() {
        guard let challenge = state.challenge, challenge.pushOutcome == .waiting,
            let request = challenge.pushRequestID
        else { return }
        emit(.checkPushLogin(requestID: request, remember: remember))
    }

    mutating func applyChallenge(_ result: EffectResult) {
        switch result {
        case .pushRequested(let id, let number, let expiresAt):
            state.challenge?.pushRequestID = id
            state.challenge?.numberToMatch = number
            state.challenge?.pushExpiresAt = expiresAt
            state.challenge?.pushOutcome = .waiting
            say(.info, "push.sent")
        case .pushWaiting: break
        case .pushDenied:
            state.challenge?.pushOutcome = .denied
            say(.error, "push.denied")
        case .pushExpired:
            state.challenge?.pushOutcome = .expired
            say(.warning, "push.expired")
        case .challengePassed(let account, let code, let skew):
            state.account = account
            let hint = skew == 0 ? nil : Screens.skewHint(skew, strings)
            if let code {
                state.challenge = nil
                state.signedIn = true
                state.recovery = RecoveryDisplay(
                    code: code, next: .home, notice: strings["recovery.usedNotice"])
                go(.recoveryShow)
            } else {
                enterHome(notice: hint)
            }
        default: break
        }
    }
}

import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What happens to the flow: a key, a focus request from a walkthrough, time passing,
/// or the result of an effect the runtime performed.
public enum FlowEvent: Sendable, Equatable {
    case key(Key)
    /// Focus the element with this id (walkthroughs' `fill`/`press`/`toggle` start here).
    case focus(String)
    /// Highlight item `index` of the list's filtered items.
    case select(list: String, index: Int)
    /// The runtime polls: time moved, the phone may have answered.
    case tick
    case result(EffectResult)
    /// `keepsafe enroll` opened the session for this account, which the operating system
    /// has authenticated: "Keep Your Account Safe", or, when the recovery code was used up
    /// outside the portal, the new `recoveryCode` behind its gate.
    case systemSignedIn(AccountSummary, recoveryCode: String?)
}

/// The outcome of an effect, fed back into `reduce`.
public enum EffectResult: Sendable, Equatable {
    case loggedIn(AccountSummary, next: AfterPassword)
    case logInRefused(LogInRefusal)
    case invitationLookedUp(email: String, companyName: String?)
    case signedUp(AccountSummary)
    case signUpRefused(SignUpRefusal)
    /// The reset code went out if an account uses the address (the answer is the same
    /// either way).
    case passwordResetRequested(email: String)
    /// The reset code was not taken (wrong, used, expired, voided, or no such account:
    /// one answer for all).
    case passwordResetRefused
    /// The new password is set; the log-in asks for it and the second factor.
    case passwordResetDone
    case enrollmentStarted(EnrollmentTicket)
    /// The factor is active; `recoveryCode` is a fresh code to show (nil: keep the old one).
    /// `skewSeconds` is non-zero when the code came from a device clock that is off.
    case enrollmentCompleted(AccountSummary, recoveryCode: String?, skewSeconds: Int)
    case codeRefused(CodeRefusal)
    case smsSent(SMSProgress)
    case sendRefused(SendPolicy.Decision)
    case pushRequested(requestID: String, numberToMatch: Int?, expiresAt: Date)
    case pushWaiting
    case pushDenied
    case pushExpired
    /// The challenge is passed; `recoveryCode` is the new code after a recovery-code log-in.
    case challengePassed(AccountSummary, recoveryCode: String?, skewSeconds: Int)
    case passwordConfirmed(AccountSummary)
    case passwordRefused
    /// The current password was right: the second factor comes next.
    case passwordChangeReady(AccountSummary)
    /// The password is changed; `recoveryCode` is a new code to show when the recovery
    /// code confirmed the change (it was used up).
    case passwordChanged(AccountSummary, recoveryCode: String?)
    case inviteSent(email: String)
    case inviteRefused(InviteRefusal)
    /// The account changed (preferred method, device revoked, announcement dismissed).
    case accountChanged(AccountSummary, notice: String?)
    case recoveryCodeIssued(AccountSummary, code: String)
    case mfaDisabled(AccountSummary)
    /// A method was removed; the others stay.
    case factorRemoved(AccountSummary)
    /// The method was the last one: it stays.
    case factorRemovalRefused
    /// The second factor (or recovery code) was confirmed for a change in My Profile.
    case stepUpPassed(AccountSummary)
    /// The clock check: the phone's offset in seconds (positive: fast), nil when the
    /// two codes were not consecutive codes of the account's authenticator.
    case clockChecked(driftSeconds: Int?)
    case mailboxCodeSent(email: String)
    /// The mailed code was right: enrollment may start.
    case mailboxProved
    /// Written; `path` is the full path.
    case saved(path: String)
    /// Nothing written: a file is already at the full `path`, and replacing it was not asked.
    case saveWouldReplace(path: String)
    case saveFailed(reason: String)
    /// Something outside the flow failed (the store); the text says what.
    case failed(String)
}

/// What comes after an accepted password.
public enum AfterPassword: Sendable, Equatable {
    /// No usable second factor: "Keep Your Account Safe".
    case enroll
    /// No usable second factor, and a password alone must not reach enrollment: the
    /// mailbox is proved first with a mailed one-time code.
    case proveMailbox
    /// Challenge with this factor (the preferred one).
    case challenge(factorID: String)
    /// This device is trusted: straight home.
    case home
}

/// Why a log-in was refused: always in the same words and the same time, whatever the
/// reason (unknown email, wrong password, locked account), so the answer is no oracle.
public enum LogInRefusal: Sendable, Equatable {
    case invalid
}

/// Why a sign-up was refused (only a taken address: the rest is checked before).
public enum SignUpRefusal: Sendable, Equatable {
    case duplicate
}

/// Why an invitation was not sent.
public enum InviteRefusal: Sendable, Equatable {
    case alreadyInvited
    case alreadyMember
}

/// Why a code was not accepted.
public enum CodeRefusal: Sendable, Equatable {
    /// Wrong; `remaining` tries before the challenge is void (nil: no per-challenge limit).
    case wrong(remaining: Int?)
    /// Already used.
    case replayed
    case expired
    /// Too many wrong codes for this code: a new one must be sent.
    case voided
    case factorLocked(until: Date)
    /// Not in the code's format (recovery codes).
    case malformed
    /// No code was sent, or it was replaced.
    case noChallenge
}

extension CodeRefusal: Error {}
extension LogInRefusal: Error {}

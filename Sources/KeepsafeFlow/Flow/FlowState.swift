import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Everything the portal flow remembers between two events. A value: `Flow.reduce`
/// makes the next one, and `Screens.make` draws it.
public struct FlowState: Sendable, Equatable {
    public var page: Page = .login
    public var form = FormState()
    /// Messages about the last action, shown on the current page.
    public var messages: [Message] = []
    /// The account whose password was accepted (not yet signed in while challenged).
    public var account: AccountSummary?
    /// True once the second factor (or enrollment) is done: home, profile, invite.
    public var signedIn = false
    /// Sign-up: the company of an invitation for the email typed (not editable then).
    public var invitation: InvitationNotice?
    /// The enrollment in progress (QR shown, waiting for a code or the phone).
    public var enrollment: EnrollmentTicket?
    /// Why the user is enrolling: the first time, or changing from the profile.
    public var enrollmentPurpose: EnrollmentPurpose = .initial
    /// The last SMS sent in this page's flow (enrollment or challenge).
    public var sms: SMSProgress?
    /// The challenge at log-in: the factor asked for and any push request.
    public var challenge: ChallengeProgress?
    /// The change in My Profile waiting for "Confirm it's you".
    public var stepUpTarget: StepUpTarget?
    /// The recovery code being shown once, and where "Continue" leads.
    public var recovery: RecoveryDisplay?
    /// A notice for the home page (after recovery-code log-in: "change it in My Profile").
    public var notice: String?
    /// Where Help's "Back" returns to.
    public var helpReturn: Page?
    /// The address of the last invitation sent.
    public var inviteSentTo: String?
    /// True once the user has quit.
    public var finished = false
    /// The session was opened by `keepsafe enroll` for a user the operating system has
    /// already authenticated: it ends once enrollment and the recovery-code gate are
    /// done (where the portal would go home), or at "Log out".
    public var systemEnrollment = false

    public init() {}
}

/// An invitation found for the email typed at sign-up.
public struct InvitationNotice: Sendable, Equatable {
    public var email: String
    public var companyName: String
    public init(email: String, companyName: String) {
        self.email = email
        self.companyName = companyName
    }
}

/// What "Confirm it's you" unlocks once the second factor is confirmed.
public enum StepUpTarget: Sendable, Equatable {
    case changeMethod
    case changeNumber
    case disable
}

/// Why an enrollment runs.
public enum EnrollmentPurpose: Sendable, Equatable {
    /// The mandatory "Keep Your Account Safe" enrollment.
    case initial
    /// Adding a method from the profile; it becomes the preferred one once verified.
    case changeMethod
    /// Moving the SMS factor to a new number, verified by SMS to that number.
    case changeNumber
}

/// A factor being enrolled, as the runtime set it up.
public struct EnrollmentTicket: Sendable, Equatable {
    public var factorID: String
    public var kind: Factor.Kind
    /// The URI in the QR code (otpauth for TOTP, the push enrollment URI for push).
    public var uri: String
    /// The secret in groups of four, for "Can't scan?".
    public var manualKey: String
    /// The account name the authenticator shows.
    public var accountName: String
    public var algorithm: String
    public var digits: Int
    public var period: Int
    /// Push: the transaction the phone answers.
    public var transactionID: String?
    /// Push: when the enrollment request expires.
    public var expiresAt: Date?
    /// "Can't scan?" was chosen: the key and parameters are shown.
    public var showKey = false

    public init(
        factorID: String, kind: Factor.Kind, uri: String, manualKey: String, accountName: String,
        algorithm: String, digits: Int, period: Int, transactionID: String? = nil, expiresAt: Date? = nil
    ) {
        self.factorID = factorID
        self.kind = kind
        self.uri = uri
        self.manualKey = manualKey
        self.accountName = accountName
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
        self.transactionID = transactionID
        self.expiresAt = expiresAt
    }
}

/// An SMS code sent and waiting to be typed.
public struct SMSProgress: Sendable, Equatable {
    public var factorID: String
    /// E.164 destination.
    public var number: String
    public var sentAt: Date
    /// "Resend" works again from then.
    public var resendAt: Date
    public init(factorID: String, number: String, sentAt: Date, resendAt: Date) {
        self.factorID = factorID
        self.number = number
        self.sentAt = sentAt
        self.resendAt = resendAt
    }
}

/// The second-factor challenge at log-in.
public struct ChallengeProgress: Sendable, Equatable {
    public var factorID: String
    public var kind: Factor.Kind
    /// Push: the open request and its number to match.
    public var pushRequestID: String?
    public var numberToMatch: Int?
    public var pushExpiresAt: Date?
    public var pushOutcome: PushOutcome = .waiting

    /// Where the push request stands; only `waiting` is polled.
    public enum PushOutcome: Sendable, Equatable { case waiting, denied, expired, notSent }

    public init(factorID: String, kind: Factor.Kind) {
        self.factorID = factorID
        self.kind = kind
    }
}

/// A recovery code on screen: shown once, never stored in plain text.
public struct RecoveryDisplay: Sendable, Equatable {
    /// The code in groups of four.
    public var code: String
    /// Where "Continue" goes once the code is recorded.
    public var next: Page
    /// A notice for that page.
    public var notice: String?
    public init(code: String, next: Page, notice: String? = nil) {
        self.code = code
        self.next = next
        self.notice = notice
    }
}

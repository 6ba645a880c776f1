import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F3 "Keep Your Account Safe": the method list, then one method's enrollment screens.
struct EnrollmentState: Sendable, Equatable {
    var purpose: EnrollmentPurpose
    var step: Step

    enum Step: Sendable, Equatable {
        /// The method list.
        case choose
        /// A method's own screen (install the app, scan, type the number...).
        case method(MethodScreen)
    }

    init(purpose: EnrollmentPurpose, step: Step = .choose) {
        self.purpose = purpose
        self.step = step
    }

    init(purpose: EnrollmentPurpose, method: any ScreenFeature) {
        self.init(purpose: purpose, step: .method(MethodScreen(method)))
    }

    /// The feature of the current step.
    var feature: any ScreenFeature {
        switch step {
        case .choose: return MethodChooser(purpose: purpose)
        case .method(let screen): return screen.base
        }
    }
}

/// Why an enrollment runs.
public enum EnrollmentPurpose: Sendable, Equatable {
    /// The mandatory "Keep Your Account Safe" enrollment.
    case initial
    /// Adding a method from the profile; it becomes the preferred one once verified.
    case changeMethod
    /// Moving the SMS factor to a new number, verified by SMS to that number.
    case changeNumber
    /// "Add a backup method": a method of a kind not set up yet, beside the others; the
    /// preferred method stays as it is.
    case addBackup
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

extension Page {
    static let mfaChoose = Page("mfa.choose")
}

/// The method list.
struct MethodChooser: ScreenFeature, Equatable {
    let purpose: EnrollmentPurpose

    enum Control: String, ControlName {
        case methods, logout, cancel
    }

    var page: Page { .mfaChoose }

    func activate(_ control: Control, _ flow: inout Transition) {
        switch control {
        case .logout: flow.logOut()
        case .cancel:
            if let account = flow.account { flow.go(.profile(account, .twoFactor)) }
        case .methods: break
        }
    }

    func activateItem(_ item: String, in list: Control, _ flow: inout Transition) {
        guard list == .methods, let kind = Factor.Kind(rawValue: item), let method = Methods.method(kind)
        else { return }
        if purpose == .addBackup, flow.account?.factor(kind: kind) != nil { return }
        method.chosen(&flow)
    }

    func back(_ flow: inout Transition) {
        if purpose != .initial, let account = flow.account { flow.go(.profile(account, .twoFactor)) }
    }

    func build(_ screen: inout ScreenBuilder) -> Screen {
        screen.paragraph(
            purpose == .initial ? "choose.intro" : purpose == .addBackup ? "choose.introBackup" : "choose.introChange")
        screen.messages()
        let context = screen.context
        // A backup is of a kind not set up yet (one of the same kind would replace it).
        let enrolled = purpose == .addBackup ? Set(screen.account?.factors.map(\.kind) ?? []) : []
        screen.list(
            Control.methods, "choose.listLabel",
            items: Methods.all.filter { !enrolled.contains($0.kind) }.map { $0.listItem(context) }, visibleRows: 3)
        if purpose == .initial {
            screen.link(Control.logout, "link.logout")
        } else {
            screen.link(Control.cancel, "button.cancel")
        }
        screen.helpLink()
        return screen.build(titleKey: "choose.title", defaultFocus: Control.methods)
    }
}

/// What the enrollment feature does with the runtime's answers.
enum Enrollment {
    /// "Try another method" during enrollment (or Esc): back to the method list (to the
    /// profile when only the number was being changed).
    static func backToChooser(_ flow: inout Transition) {
        guard let account = flow.account else { return }
        let purpose = flow.enrollmentPurpose
        if purpose == .changeNumber {
            flow.go(.profile(account, .twoFactor))
        } else {
            flow.go(.enrollment(account, EnrollmentState(purpose: purpose)))
        }
    }

    static func apply(_ result: EffectResult, _ flow: inout Transition) {
        switch result {
        case .enrollmentStarted(let ticket):
            guard let account = flow.account, let method = Methods.method(ticket.kind) else { return }
            flow.go(
                .enrollment(
                    account, EnrollmentState(purpose: flow.enrollmentPurpose, method: method.enrollmentStarted(ticket))))
        case .enrollmentCompleted(let account, let code, let skew):
            let purpose = flow.enrollmentPurpose
            let hint = skew == 0 ? nil : Format.skewHint(skew, flow.strings)
            if let code {
                let next: RecoveryCodeState.Next = purpose == .initial ? .home : .twoFactor
                var notice = hint
                if purpose == .initial, let method = account.preferredFactor?.kind {
                    // The seed's home page confirms the first enrollment by name.
                    let set = flow.strings.format("enroll.methodSet", ["method": Format.methodLabel(method, flow.strings)])
                    notice = [set, hint].compactMap { $0 }.joined(separator: " ")
                }
                flow.go(.recoveryCode(account, RecoveryCodeState(code: code, next: next, notice: notice)))
            } else {
                flow.go(.profile(account, .twoFactor))
                flow.say(
                    .success,
                    purpose == .changeNumber
                        ? "profile.numberChanged" : purpose == .addBackup ? "profile.backupAdded" : "profile.methodChanged")
                if let hint { flow.state.messages.append(Message(.info, hint)) }
            }
        default: break
        }
    }
}

extension Transition {
    /// Why the enrollment on screen runs (`initial` anywhere else).
    var enrollmentPurpose: EnrollmentPurpose {
        if case .enrollment(_, let enrollment) = state.portal { return enrollment.purpose }
        return .initial
    }

    /// Shows a method's enrollment screen `method`, keeping the enrollment's purpose.
    mutating func showEnrollment(_ method: any ScreenFeature, keepForm: Bool = false) {
        guard let account else { return }
        let portal = PortalState.enrollment(account, EnrollmentState(purpose: enrollmentPurpose, method: method))
        if keepForm { update(portal) } else { go(portal) }
    }
}

import KeepsafeStore

/// A second factor the portal enrolls and asks for: its item in "Keep Your Account
/// Safe", its enrollment screens and its challenge at log-in. Each lives in its own
/// folder under `Methods/`; `Methods.all` is the registry.
protocol SecondFactorMethod {
    static var kind: Factor.Kind { get }
    /// Every page its screens show (for the asset checks).
    static var pages: [Page] { get }
    /// Its codes come from the phone's clock (the profile offers "Check my phone's clock").
    static var usesTimeBasedCodes: Bool { get }
    /// Its item in the method list.
    static func listItem(_ context: FlowContext) -> ListBox.Item
    /// It was picked in the method list: its first enrollment screen, or an effect.
    static func chosen(_ flow: inout Transition)
    /// The runtime began its enrollment (a QR code to show): the screen that shows it.
    static func enrollmentStarted(_ ticket: EnrollmentTicket) -> any ScreenFeature
    /// The challenge at log-in with `factor`: its screen, and what the runtime must do
    /// first (send an SMS, a push), if anything.
    static func challenge(_ factor: AccountSummary.FactorSummary) -> (screen: any ScreenFeature, effect: Effect?)
}

/// The registry of second factors, in the order of the method list. A new method is a
/// new folder under `Methods/` and one line here.
enum Methods {
    static var all: [any SecondFactorMethod.Type] {
        [
            PushMethod.self,
            AuthenticatorMethod.self,
            SMSMethod.self,
        ]
    }

    static func method(_ kind: Factor.Kind) -> (any SecondFactorMethod.Type)? {
        all.first { $0.kind == kind }
    }
}

/// F1 sign up and F2 log in, before any password is accepted.
enum EntryState: Sendable, Equatable {
    case logIn
    /// `invitation`: the company of an invitation for the email typed (not editable then).
    case signUp(invitation: InvitationNotice?)
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

extension Page {
    static let login = Page("login")
    static let signup = Page("signup")
}

extension EntryState: ScreenFeature {
    enum Control: String, ControlName {
        case email, password, name, company, confirm
        case logIn = "login"
        case signUp = "signup"
        case quit
        case forgotPassword
    }

    var page: Page {
        switch self {
        case .logIn: return .login
        case .signUp: return .signup
        }
    }
}

import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An account in the simulated phone's authenticator or push app. Kept in the store
/// under `phone/accounts`, apart from the portal's records: the portal never reads it.
///
/// The TOTP secret is stored because the phone must compute codes, exactly as a real
/// authenticator app keeps it.
public struct PhoneAccount: StoreRecord {
    public static let collection = "phone/accounts"
    public static let currentSchemaVersion = 1

    public enum Kind: String, Codable, Sendable {
        /// An authenticator account added from an `otpauth://totp|hotp` URI.
        case authenticator
        /// A Guardian-style push enrollment (also yields manual TOTP codes).
        case push
    }

    public var schemaVersion: Int
    /// The phone that holds the account (`Phone.name`).
    public var phone: String
    public var kind: Kind
    public var issuer: String?
    /// The account part of the label (the portal user's email).
    public var account: String
    /// The URI the phone added, with its secret: the phone's own copy.
    public var uri: String
    public var addedAt: Date
    /// HOTP counter for `otpauth://hotp` accounts, advanced on each code.
    public var counter: UInt64?
    /// Push: the portal factor this enrollment answered, and the enrollment transaction.
    public var factorID: String?
    public var enrollmentTransactionID: String?

    public init(phone: String, kind: Kind, issuer: String?, account: String, uri: String, addedAt: Date) {
        self.schemaVersion = Self.currentSchemaVersion
        self.phone = phone
        self.kind = kind
        self.issuer = issuer
        self.account = account
        self.uri = uri
        self.addedAt = addedAt
    }

    /// `Issuer:account`, or just the account without an issuer.
    public var label: String { issuer.map { "\($0):\(account)" } ?? account }

    /// One record per phone, kind and label: adding the same account again replaces it.
    public var key: String { "\(phone)/\(kind.rawValue)/\(label)" }
}

/// The simulated phone's identity as a push device (`phone/devices`).
public struct PhoneDevice: StoreRecord {
    public static let collection = "phone/devices"
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var name: String
    /// Random id the push app registers with the portal.
    public var deviceID: String

    public init(name: String, deviceID: String) {
        self.schemaVersion = Self.currentSchemaVersion
        self.name = name
        self.deviceID = deviceID
    }

    public var key: String { name }
}

/// Why the phone could not do what it was asked.
public enum PhoneError: Error, Equatable, Sendable, CustomStringConvertible {
    case unsupportedURI(String)
    case noSuchAccount(String)
    case enrollmentNotFound(String)
    case enrollmentExpired(String)
    case noPendingRequest
    case requestNotFound(String)
    case requestClosed(String)
    case numberMismatch(expected: Int, given: Int?)

    public var description: String {
        switch self {
        case .unsupportedURI(let reason):
            return "the phone cannot add this URI: \(reason)"
        case .noSuchAccount(let account):
            return "the phone has no authenticator account for \(account); scan its QR code first"
        case .enrollmentNotFound(let id):
            return "no enrollment \(id) is waiting at the portal; show the push QR code again"
        case .enrollmentExpired(let id):
            return "enrollment \(id) has expired or was already used; start the push setup again"
        case .noPendingRequest:
            return "no push request is waiting on the phone"
        case .requestNotFound(let id):
            return "push request \(id) is not on this phone"
        case .requestClosed(let id):
            return "push request \(id) has expired or was already answered"
        case .numberMismatch(let expected, let given):
            let picked = given.map(String.init) ?? "no number"
            return
                "number matching: the portal shows \(expected), the phone picked \(picked); the request was denied"
        }
    }
}

import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One authenticator entry as the phone shows it: the account, its live code and how
/// long that code still lasts.
public struct AuthenticatorEntry: Sendable, Equatable {
    public var account: PhoneAccount
    /// The current TOTP code; nil for an HOTP account (its code is made on demand, because
    /// making one moves the counter on).
    public var code: String?
    /// Seconds per code (TOTP), nil for HOTP.
    public var period: Int?
    /// Whole seconds until `code` changes, 1...period (TOTP), nil for HOTP.
    public var secondsRemaining: Int?
    /// The next HOTP counter, nil for TOTP.
    public var counter: UInt64?
}

/// A push log-in request as the push app lists it, open or not.
public struct PushPrompt: Sendable, Equatable {
    public enum State: String, Sendable, Equatable {
        case pending, approved, denied, expired
    }
    public var request: PushRequest
    public var state: State
    /// Whole seconds until it expires (0 once closed).
    public var secondsLeft: Int
}

extension Phone {
    /// The phone's own time: the portal's clock plus `skew` (what its authenticator uses).
    public var phoneTime: Date { clock.now().addingTimeInterval(skew) }

    /// Every account with its code at `time` (default: the phone's time now), oldest added
    /// first.
    /// Push accounts are listed too: their URI carries a fallback TOTP secret.
    /// - Throws: a store error, or `PhoneError.unsupportedURI` for a stored URI that no
    ///   longer parses.
    /// - Complexity: O(n) in the phone's accounts.
    public func entries(at time: Date? = nil) throws -> [AuthenticatorEntry] {
        let time = time ?? phoneTime
        return try accounts().map { account in
            let totp: TOTP
            do {
                if account.kind == .push {
                    totp = try PushEnrollmentURI.parse(account.uri).totp()
                } else {
                    let parsed = try OTPAuthURI.parse(account.uri)
                    if parsed.kind == .hotp {
                        return AuthenticatorEntry(
                            account: account, code: nil, period: nil, secondsRemaining: nil,
                            counter: account.counter ?? parsed.counter ?? 0)
                    }
                    totp = try parsed.totp()
                }
            } catch {
                throw PhoneError.unsupportedURI("stored account \(account.label): \(error)")
            }
            return AuthenticatorEntry(
                account: account, code: totp.code(at: time), period: totp.period,
                secondsRemaining: totp.secondsRemaining(at: time), counter: nil)
        }
    }

    /// Push log-in requests for this phone's push enrollments created in the last
    /// `window` seconds, newest first, with what became of each (expired ones included, so
    /// the app can show them as expired).
    /// - Complexity: O(n) in the push collection.
    public func pushPrompts(window: TimeInterval = 15 * 60) throws -> [PushPrompt] {
        let factors = Set(try accounts().filter { $0.kind == .push }.compactMap(\.factorID))
        guard !factors.isEmpty else { return [] }
        let now = now()
        return try store.list(PushRequest.self)
            .filter {
                $0.kind == .login && factors.contains($0.factorID) && $0.createdAt > now - window
            }
            .sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
            .map { request in
                let state: PushPrompt.State
                switch request.status {
                case .approved: state = .approved
                case .denied: state = .denied
                case .pending: state = now < request.expiresAt ? .pending : .expired
                }
                let left = state == .pending ? Int(request.expiresAt.timeIntervalSince(now).rounded(.up)) : 0
                return PushPrompt(request: request, state: state, secondsLeft: max(0, left))
            }
    }

    /// The same phone with its clock moved by `skew` seconds (the phone app's setting).
    public func with(skew: TimeInterval) -> Phone {
        Phone(store: store, clock: clock, numbers: numbers, skew: skew, name: name)
    }

    /// The code in an SMS body (a run of 6 to 8 digits), for highlighting.
    public static func highlightedCode(in body: String) -> String? { code(in: body) }
}

extension Phone {
    /// The shared clock's time (the portal's), without the phone's skew: what decides
    /// whether a message has arrived or a request has expired.
    public var portalTime: Date { clock.now() }
}

import KeepsafeBase
import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One log-in of a system user (SSH, sudo) through `keepsafe pam`, judged by the
/// portal's own rules: the runtime's challenge effects (`verifyChallengeCode`,
/// `verifyRecoveryCode`, `sendPushRequest`, `checkPushLogin`) run here unchanged, each
/// inside one store transaction, so the TOTP window, replay refusal across processes,
/// wrong-code counters, lockouts, push limits, audit lines and security mails are the
/// portal's. Every refusal is the same `.refused`, whatever the reason.
///
///     let login = try SystemLogin(store: store, environment: environment)
///     let outcome = try login.authenticate(request, pushWait: 60, onPush: { _ in }, pause: { _ in })
public final class SystemLogin {
    /// What PAM says about the log-in, and what the person typed.
    public struct Request: Sendable, Equatable {
        /// `PAM_USER`.
        public var user: String
        /// The domain of `USER@DOMAIN` for users without a link.
        public var domain: String
        /// `PAM_SERVICE` (sshd, sudo, ...).
        public var service: String
        /// `PAM_RHOST`; empty for a local log-in.
        public var remoteHost: String
        /// One line: a TOTP code, an SMS code, a recovery code, or empty for push.
        public var typed: String

        public init(user: String, domain: String, service: String, remoteHost: String, typed: String) {
            self.user = user
            self.domain = domain
            self.service = service
            self.remoteHost = remoteHost
            self.typed = typed
        }
    }

    /// A push request is out: what to tell the person while waiting for Approve.
    public struct PushPrompt: Sendable, Equatable {
        public var numberToMatch: Int?
        public var expiresAt: Date
    }

    public enum Outcome: Sendable, Equatable {
        case accepted(account: String)
        case refused
        /// The user has no account or no usable factor yet (`keepsafe pam --nullok` lets
        /// such a user through, to reach `keepsafe enroll`); refused otherwise.
        case notEnrolled
    }

    private let runner: EffectRunner

    /// - Throws: `StoreError` when the store's policy cannot be read or is out of range.
    public init(store: any DocumentStore, environment: PortalEnvironment, service: String, remoteHost: String)
        throws
    {
        let policy = try store.policy()
        if let problem = policy.problems().first {
            throw StoreError.corrupt(file: "policy.json", reason: problem)
        }
        runner = EffectRunner(store: store, environment: environment, policy: policy)
        runner.canShowRecoveryCode = false
        // A log-in from another host is alerted like a portal log-in from a device that is
        // not remembered; a local one (sudo, the console) is the owner at the machine.
        runner.sendsSignInAlerts = !remoteHost.isEmpty
        runner.auditContext = ["service": service, "rhost": remoteHost.isEmpty ? "-" : remoteHost]
    }

    public var policy: Policy { runner.policy }

    /// The account key a system user logs in with: the linked account, else
    /// `USER@DOMAIN` unless that account is linked to another user. Nil when neither
    /// (the account itself may not exist yet).
    static func accountKey(user: String, domain: String, in store: StoreTransaction) throws -> String? {
        do {
            if let link = try store.read(LocalUser.self, key: user) { return link.account }
            guard let email = EmailAddress(user + "@" + domain)?.value else { return nil }
            if let owner = try store.read(Account.self, key: email)?.localUser, owner != user { return nil }
            return email
        } catch StoreError.invalidKey {
            return nil
        }
    }

    /// `accountKey(user:domain:in:)` in a snapshot of `store`, for `keepsafe enroll`.
    public static func accountKey(user: String, domain: String, store: any DocumentStore) throws -> String? {
        try store.snapshot { try accountKey(user: user, domain: domain, in: $0) }
    }

    /// Links the system user `user` to the account `email` (`keepsafe users link`), in
    /// one transaction: the link record, the account's note of it, and an audit line. A
    /// previous link of either side is removed.
    /// - Returns: the account the user was linked to before, if another.
    /// - Throws: `StoreError.notFound` when there is no such account.
    @discardableResult
    public static func link(user: String, to email: String, store: any DocumentStore, at now: Date) throws
        -> String?
    {
        try store.transaction { tx in
            guard var account = try tx.read(Account.self, key: email) else {
                throw StoreError.notFound(collection: Account.collection, key: email)
            }
            let previous = try tx.read(LocalUser.self, key: user)?.account
            if let previous, previous != email {
                try tx.update(Account.self, key: previous) { $0?.localUser = nil }
            }
            if let old = account.localUser, old != user {
                try tx.delete(LocalUser.self, key: old)
            }
            account.localUser = user
            try tx.save(account)
            try tx.save(LocalUser(name: user, account: email, linkedAt: now))
            try tx.appendAudit(
                AuditEntry(
                    time: now, event: "account.linked", account: email, detail: ["user": user, "by": "admin"])
            )
            return previous == email ? nil : previous
        }
    }

    /// Judges one log-in. Empty input sends a push request to the account's push factor
    /// and waits for Approve until the request expires or `pushWait` seconds pass,
    /// calling `onPush` once the request is out and `pause` between polls; with no push
    /// factor but an SMS one, it sends an SMS code (to type at the next prompt) and
    /// refuses this attempt.
    /// - Throws: a `StoreError` when the store fails (the caller fails closed).
    public func authenticate(
        _ request: Request, pushWait: TimeInterval, onPush: (PushPrompt) -> Void,
        pause: (TimeInterval) -> Void
    ) throws -> Outcome {
        let first = try runner.inTransaction { () throws -> FirstStep in
            guard
                let email = try Self.accountKey(user: request.user, domain: request.domain, in: runner.store),
                let account = try runner.store.read(Account.self, key: email)
            else {
                try runner.audit("pam.refused", account: nil, ["user": request.user, "reason": "unknown"])
                return .notEnrolled
            }
            if account.activeFactors.isEmpty || account.mfaRequiredAtNextLogin {
                try runner.audit("pam.refused", account: email, ["reason": "notEnrolled"])
                return .notEnrolled
            }
            if LoginPolicy.lockedUntil(account, now: runner.now) != nil {
                try runner.audit("pam.refused", account: email, ["reason": "locked"])
                return .refused
            }
            runner.authenticated = email
            return try firstStep(request.typed, account: account)
        }
        switch first {
        case .accepted(let email): return .accepted(account: email)
        case .refused: return .refused
        case .notEnrolled: return .notEnrolled
        case .waitForPush(let requestID, let prompt):
            onPush(prompt)
            let deadline = min(prompt.expiresAt, runner.now.addingTimeInterval(pushWait))
            while true {
                pause(1)
                let result = try runner.inTransaction { () throws -> EffectResult in
                    if runner.now >= deadline, deadline < prompt.expiresAt {
                        try runner.audit(
                            "pam.refused", account: runner.authenticated, ["reason": "pushTimeout"])
                        return .pushExpired
                    }
                    return try runner.checkPushLogin(requestID: requestID, remember: false)
                }
                switch result {
                case .pushWaiting: continue
                case .challengePassed(let summary, _, _): return .accepted(account: summary.email)
                default: return .refused
                }
            }
        }
    }

    private enum FirstStep {
        case accepted(String)
        case refused
        case notEnrolled
        case waitForPush(requestID: String, PushPrompt)
    }

    /// Inside the first transaction, for an enrolled, unlocked account.
    private func firstStep(_ typed: String, account: Account) throws -> FirstStep {
        let email = account.email
        let active = account.activeFactors
        let text = typed.trimmingWhitespace
        if text.isEmpty {
            if let push = active.first(where: { $0.kind == .push }) {
                guard
                    case .pushRequested(let id, let number, let expiresAt) = try runner.sendPushRequest(
                        email: email, factor: push)
                else {
                    try runner.audit("pam.refused", account: email, ["reason": "pushLimit"])
                    return .refused
                }
                return .waitForPush(requestID: id, PushPrompt(numberToMatch: number, expiresAt: expiresAt))
            }
            if let sms = active.first(where: { $0.kind == .sms }) {
                _ = try runner.sendChallengeSMS(email: email, factor: sms)
            }
            try runner.audit("pam.refused", account: email, ["reason": "empty"])
            return .refused
        }
        let digits = text.filter { $0 != " " && $0 != "-" }
        let isCode = !digits.isEmpty && digits.count <= 10 && digits.allSatisfy { $0.isASCII && $0.isNumber }
        let result: EffectResult
        if isCode {
            guard let factorID = runner.factorForTypedCode(account, code: digits, now: runner.now) else {
                try runner.audit("pam.refused", account: email, ["reason": "noCodeFactor"])
                return .refused
            }
            result = try runner.verifyChallengeCode(factorID: factorID, code: digits, remember: false)
        } else {
            result = try runner.verifyRecoveryCode(text, remember: false, renewLater: true)
        }
        if case .challengePassed = result { return .accepted(email) }
        return .refused
    }
}

extension EffectRunner {
    /// Which factor a code typed outside the portal (no factor was chosen on a screen)
    /// is checked against: the SMS factor whose open challenge it answers, else an
    /// unlocked authenticator or push factor whose window accepts it, else (a wrong
    /// code, counted where the portal would count it) the preferred factor that takes
    /// codes. Nothing is changed here: the caller verifies through `verifyChallengeCode`.
    func factorForTypedCode(_ account: Account, code: String, now: Date) -> String? {
        let active = account.activeFactors
        var openSMS: String?
        if let challenge = account.pendingChallenge,
            active.contains(where: { $0.id == challenge.factorID && $0.kind == .sms }),
            case .open = CodePolicy.state(of: challenge, now: now, policy: policy.wrongCodes)
        {
            if SecretHash.verify(code, against: challenge.codeHash) { return challenge.factorID }
            openSMS = challenge.factorID
        }
        let authenticators = active.filter { $0.kind != .sms && $0.totpSecret != nil }
        for factor in authenticators where CodePolicy.lockedUntil(factor, now: now) == nil {
            let verdict = (try? totp(of: factor))?.verify(
                code, at: now, window: policy.totp.window, lastAcceptedStep: factor.lastAcceptedStep)
            if case .accepted = verdict { return factor.id }
        }
        let takesCodes = authenticators.map(\.id) + (openSMS.map { [$0] } ?? [])
        if let preferred = account.preferredFactorID, takesCodes.contains(preferred) { return preferred }
        return takesCodes.first
    }
}

import KeepsafeBase
import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Performs the flow's effects: the only place that touches the store, the clock and the
/// random generator. Each effect is exactly one store transaction: its records, audit
/// lines, mail, SMS and push requests commit together or not at all, and the session's
/// own memory (who is signed in) changes only when the commit did. The result goes back
/// into `reduce`.
final class EffectRunner {
    private let database: any DocumentStore
    private var openTransaction: StoreTransaction?
    let environment: PortalEnvironment
    let policy: Policy
    /// The account whose password was accepted in this session.
    var authenticated: String?
    /// True once the second factor was passed (or enrolled): home, invite and profile
    /// effects need it, so a password alone never reaches them.
    var secondFactorPassed = false
    /// True once the password was re-entered for the two-factor settings.
    var profileUnlocked = false
    /// True once the current second factor (or the recovery code) was confirmed in this
    /// profile visit: replacing a method or disabling MFA needs it.
    var stepUpPassed = false
    /// True once the mailed code proved the mailbox: enrolling again needs it.
    var mailboxProved = false
    /// True when the account was made in this session: its first enrollment follows.
    var signedUpHere = false
    /// The hash of the new password of a "Change password" waiting for the second
    /// factor (never the password itself).
    var pendingPasswordHash: String?
    /// True from "Confirm it's you" for "Add a backup method" until that enrollment
    /// completes: the new factor leaves the preferred one as it is.
    var addingBackup = false
    /// False where no screen can show a recovery code (`keepsafe pam`): one that falls
    /// due is then left for the next portal log-in or `keepsafe enroll`.
    var canShowRecoveryCode = true
    /// False where a log-in is not from a device in the portal's sense (`keepsafe pam`
    /// without a remote host: a local sudo would mail the owner every time).
    var sendsSignInAlerts = true
    /// Added to every audit line this runner writes (`keepsafe pam`: the PAM service and
    /// the remote host).
    var auditContext: [String: String] = [:]
    private var terminalRequests: [TerminalRequest] = []
    /// What an unknown email's password is checked against: same cost as a real hash,
    /// made when the session opens (see `PasswordHasher.decoy`).
    let decoyHash: String
    /// What a reset code is compared with when the address has no account or no live
    /// code: a well-formed `SecretHash` that nothing typed matches.
    let decoyCodeHash = SecretHash.make(Secrets.identifier())
    /// The least time "Send code" and "Reset password" of "Forgot password?" take, so that
    /// the answer for an address with an account (a record, a mail and an audit line
    /// committed) and one without (an audit line) cannot be told apart by the clock.
    var resetAnswerFloor: Duration = .milliseconds(250)

    init(store: any DocumentStore, environment: PortalEnvironment, policy: Policy) {
        self.database = store
        self.environment = environment
        self.policy = policy
        decoyHash = PasswordHasher(
            iterations: policy.password.iterations, saltByteCount: policy.password.saltBytes
        ).decoy()
    }

    var now: Date { environment.clock.now() }
    var strings: Strings { environment.strings }
    var brand: Brand { environment.brand }

    func takeTerminalRequests() -> [TerminalRequest] {
        defer { terminalRequests = [] }
        return terminalRequests
    }

    /// The transaction of the effect being performed: every read and write of an effect
    /// goes through it (`perform` opens it; nothing else runs effects).
    var store: StoreTransaction {
        guard let openTransaction else { preconditionFailure("the store was used outside an effect") }
        return openTransaction
    }

    /// Runs one effect in one transaction; store failures become `.failed` with the
    /// store's message, and leave both the store and the session as they were.
    func perform(_ effect: Effect) -> EffectResult? {
        switch effect {
        case .requestPasswordReset, .resetPassword:
            let started = ContinuousClock.now
            defer { Self.sleep(until: started + resetAnswerFloor) }
            return performInTransaction(effect)
        default:
            return performInTransaction(effect)
        }
    }

    /// Sleeps (monotonic clock) until `deadline`; returns at once if it has passed.
    private static func sleep(until deadline: ContinuousClock.Instant) {
        let left = deadline - ContinuousClock.now
        guard left > .zero else { return }
        let (seconds, attoseconds) = left.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    private func performInTransaction(_ effect: Effect) -> EffectResult? {
        let session = (authenticated, secondFactorPassed, profileUnlocked, terminalRequests.count)
        let proofs = (stepUpPassed, mailboxProved, signedUpHere, addingBackup)
        do {
            return try database.transaction { transaction in
                openTransaction = transaction
                defer { openTransaction = nil }
                return try run(effect)
            }
        } catch {
            (authenticated, secondFactorPassed, profileUnlocked) = (session.0, session.1, session.2)
            (stepUpPassed, mailboxProved, signedUpHere, addingBackup) = proofs
            terminalRequests.removeSubrange(session.3...)
            return .failed((error as? StoreError)?.description ?? String(describing: error))
        }
    }

    /// Runs `body` in one store transaction, as `perform` runs an effect: for callers
    /// outside the flow (`SystemLogin`) that use the same verification rules. A thrown
    /// error leaves the store as it was.
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try database.transaction { transaction in
            openTransaction = transaction
            defer { openTransaction = nil }
            return try body()
        }
    }

    private func run(_ effect: Effect) throws -> EffectResult? {
        switch effect {
        case .logIn(let email, let password): return try logIn(email: email, password: password)
        case .requestPasswordReset(let email): return try requestPasswordReset(email: email)
        case .resetPassword(let email, let code, let newPassword):
            return try resetPassword(email: email, code: code, newPassword: newPassword)
        case .lookUpInvitation(let email): return try lookUpInvitation(email)
        case .signUp(let email, let name, let company, let password):
            return try signUp(email: email, name: name, company: company, password: password)
        case .beginEnrollment(let kind): return try beginEnrollment(kind)
        case .confirmTOTPEnrollment(let factorID, let code):
            return try confirmTOTPEnrollment(factorID: factorID, code: code)
        case .sendEnrollmentSMS(let number, _): return try sendEnrollmentSMS(number: number)
        case .confirmSMSEnrollment(let factorID, let code, let purpose):
            return try confirmSMSEnrollment(factorID: factorID, code: code, purpose: purpose)
        case .checkPushEnrollment(let factorID, let transaction):
            return try checkPushEnrollment(factorID: factorID, transactionID: transaction)
        case .dismissAnnouncement: return try changeAccount(notice: nil) { $0.announcementDismissed = true }
        case .sendInvite(let email): return try sendInvite(email)
        case .confirmPassword(let password): return try confirmPassword(password)
        case .beginPasswordChange(let current, let new): return try beginPasswordChange(current: current, new: new)
        case .changePassword: return try changePassword()
        case .setPreferredFactor(let id): return try setPreferred(id)
        case .regenerateRecoveryCode: return try regenerateRecoveryCode()
        case .revokeTrustedDevice(let id): return try revokeDevice(id)
        case .forgetAllDevices: return try forgetAllDevices()
        case .disableMFA: return try disableMFA()
        case .beginBackupEnrollment: return try beginBackupEnrollment()
        case .removeFactor(let id): return try removeFactor(id)
        case .verifyStepUp(let code): return try verifyStepUp(code)
        case .checkPhoneClock(let first, let next): return try checkPhoneClock(first: first, next: next)
        case .sendMailboxCode: return try sendMailboxCode()
        case .verifyMailboxCode(let code): return try verifyMailboxCode(code)
        case .startChallenge(let factorID): return try startChallenge(factorID)
        case .verifyChallengeCode(let factorID, let code, let remember):
            return try verifyChallengeCode(factorID: factorID, code: code, remember: remember)
        case .checkPushLogin(let requestID, let remember):
            return try checkPushLogin(requestID: requestID, remember: remember)
        case .verifyRecoveryCode(let code, let remember):
            return try verifyRecoveryCode(code, remember: remember)
        case .copyToClipboard(let text):
            terminalRequests.append(.copyToClipboard(text))
            return nil
        case .saveToFile(let path, let text, let replacing): return saveToFile(path: path, text: text, replacing: replacing)
        case .logOut:
            if let account = authenticated { try audit("logout", account: account) }
            pendingPasswordHash = nil
            addingBackup = false
            authenticated = nil
            secondFactorPassed = false
            profileUnlocked = false
            stepUpPassed = false
            mailboxProved = false
            signedUpHere = false
            return nil
        case .quit: return nil
        }
    }

    /// Why a log-in failed inside the account's transaction.
    struct LoginFailure: Error {
        /// Set when this failure locked the account.
        var lockedUntil: Date?
    }

    // MARK: helpers shared by the effect files

    func hasher() -> PasswordHasher {
        PasswordHasher(iterations: policy.password.iterations, saltByteCount: policy.password.saltBytes)
    }

    /// The signed-in account's record.
    func currentAccount() throws -> Account? {
        guard let email = authenticated else { return nil }
        return try store.read(Account.self, key: email)
    }

    /// A display copy of `account` for the flow.
    func summary(_ account: Account) throws -> AccountSummary {
        let company = try store.read(Company.self, key: account.company)?.name ?? account.company
        let token = environment.keyring.trustToken(store: environment.storeIdentity, account: account.email)
        var factors = account.activeFactors.map { factor in
            AccountSummary.FactorSummary(
                id: factor.id, kind: factor.kind,
                detail: factor.kind == .sms
                    ? factor.phoneNumber.map(PhoneNumber.masked)
                    : factor.kind == .push ? factor.pushDeviceName : nil)
        }
        if let preferred = factors.firstIndex(where: { $0.id == account.preferredFactorID }) {
            factors.insert(factors.remove(at: preferred), at: 0)
        }
        let devices = account.trustedDevices.filter { $0.expiresAt > now }.map { device in
            AccountSummary.DeviceSummary(
                id: device.id, name: device.name, expiresAt: device.expiresAt,
                isThisDevice: token.map { SecretHash.verify($0, against: device.tokenHash) } ?? false,
                lastUsedAt: device.lastUsedAt ?? device.createdAt)
        }
        return AccountSummary(
            email: account.email, displayName: account.displayName, companyName: company, factors: factors,
            preferredFactorID: account.preferredFactorID, trustedDevices: devices,
            announcementDismissed: account.announcementDismissed,
            hasRecoveryCode: account.recoveryCodeHash != nil)
    }

    /// A sortable unique id for outbox records: the time in milliseconds and a random suffix.
    func messageID() -> String { Outbox.messageID(at: now) }

    func timestamp(_ date: Date) -> String {
        ISO8601.string(from: date)
    }

    func audit(_ event: String, account: String?, _ detail: [String: String] = [:]) throws {
        try store.appendAudit(
            AuditEntry(
                time: now, event: event, account: account,
                detail: detail.merging(auditContext) { own, _ in own }))
    }

    /// F9: a security event writes an audit line and a mail to the account.
    func notify(
        _ email: String, event: String, mail: String, _ values: [String: String] = [:],
        detail: [String: String] = [:]
    ) throws {
        try audit(event, account: email, detail)
        try store.create(
            Outbox.noticeMail(mail, to: email, values: values, brand: brand, strings: strings, at: now))
    }

    private func saveToFile(path: String, text: String, replacing: Bool) -> EffectResult {
        var expanded = Path.expandingTilde(path)
        if !expanded.hasPrefix("/"), let folder = Path.currentDirectory { expanded = Path.join(folder, expanded) }
        expanded = Path.standardized(expanded)
        // O_EXCL: an existing file (another account's code, say) is never replaced unasked,
        // and nothing can slip in between a check and the write.
        let mode = replacing ? O_TRUNC : O_EXCL
        let descriptor = open(expanded, O_WRONLY | O_CREAT | mode | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST { return .saveWouldReplace(path: expanded) }
            return .saveFailed(reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            return .saveFailed(reason: String(cString: strerror(errno)))
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            return .saveFailed(reason: String(cString: strerror(errno)))
        }
        return .saved(path: expanded)
    }
}

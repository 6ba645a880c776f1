import KeepsafeBase
import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The simulated phone: an authenticator, a push app, an SMS inbox and a mail view, all
/// reading and writing the same store channels the portal uses (contracts.md). The
/// `keepsafe phone` UI and the walkthrough `phone` verbs are built on it.
///
///     let phone = Phone(store: store, clock: clock)
///     try phone.add(uri: screenQRPayload)
///     let code = try phone.code(for: "alice@example.com")
public final class Phone: Sendable {
    /// Name of this phone: its accounts are kept apart from other phones' in one store.
    public let name: String
    /// The numbers whose SMS this phone receives (informational for the UI).
    public let numbers: [String]
    /// Seconds the phone's clock runs ahead of (or, negative, behind) the portal's.
    public let skew: TimeInterval
    let store: any DocumentStore
    let clock: any FlowClock

    /// - Parameters:
    ///   - name: the phone's identity in the store (walkthroughs give each run its own).
    ///   - skew: clock difference for authenticator codes, in seconds.
    public init(
        store: any DocumentStore, clock: any FlowClock, numbers: [String] = [], skew: TimeInterval = 0,
        name: String = "phone"
    ) {
        self.store = store
        self.clock = clock
        self.numbers = numbers
        self.skew = skew
        self.name = name
    }

    // MARK: Authenticator and push enrollment

    /// Adds an account from a scanned or pasted URI: `otpauth://totp|hotp` becomes an
    /// authenticator account; a Guardian-style enrollment URI (with `enrollment_tx_id`, or `tx`)
    /// becomes a push account and answers the portal's waiting enrollment request. The push
    /// enrollment code the portal shows under "Can't scan?" does the same as its QR code.
    /// - Throws: `PhoneError.unsupportedURI` for anything else, `enrollmentNotFound` /
    ///   `enrollmentExpired` when the portal is not waiting for it, or a store error.
    @discardableResult
    public func add(uri: String) throws -> PhoneAccount {
        let text = uri.trimmingWhitespace
        if PushEnrollmentURI.looksLikePush(text) {
            return try addPush(text)
        }
        if !text.lowercased().hasPrefix("otpauth:"), let typed = try? PushEnrollmentURI.parseManualCode(text) {
            return try addPush(try enrollmentURI(typed: typed))
        }
        let parsed: OTPAuthURI
        do {
            parsed = try OTPAuthURI.parse(text)
        } catch {
            throw PhoneError.unsupportedURI("\(error)")
        }
        var account = PhoneAccount(
            phone: name, kind: .authenticator, issuer: parsed.issuer, account: parsed.account, uri: text,
            addedAt: clock.now())
        account.counter = parsed.kind == .hotp ? (parsed.counter ?? 0) : nil
        try store.save(account)
        return account
    }

    private func addPush(_ text: String) throws -> PhoneAccount {
        let parsed: PushEnrollmentURI
        do {
            parsed = try PushEnrollmentURI.parse(text)
        } catch {
            throw PhoneError.unsupportedURI("\(error)")
        }
        let now = clock.now()
        let transaction = parsed.enrollmentTransactionID
        // The approval and the phone's account commit together: a phone that approved
        // always holds the account, and one that failed to save it approved nothing.
        return try store.transaction { tx in
            let device = try pushDeviceIdentity(tx)
            let factorID: String = try tx.update(PushRequest.self, key: transaction) { request in
                guard var current = request, current.kind == .enrollment else {
                    throw PhoneError.enrollmentNotFound(transaction)
                }
                guard current.isOpen(at: now) else { throw PhoneError.enrollmentExpired(transaction) }
                current.status = .approved
                current.respondedAt = now
                current.pushDeviceID = device.deviceID
                current.pushDeviceName = device.name
                request = current
                return current.factorID
            }
            var account = PhoneAccount(
                phone: name, kind: .push, issuer: parsed.issuer, account: parsed.account, uri: text,
                addedAt: now)
            account.factorID = factorID
            account.enrollmentTransactionID = transaction
            try tx.save(account)
            return account
        }
    }

    /// What the service tells an app that was given the enrollment code by hand: the
    /// enrollment URI its QR code carries, from the waiting transaction. A code whose
    /// transaction is unknown and one whose secret is not the transaction's are refused
    /// alike, so a typing mistake never enrolls a phone that would show wrong codes.
    private func enrollmentURI(typed: (transactionID: String, secret: [UInt8])) throws -> String {
        let transaction = typed.transactionID
        guard let request = try store.read(PushRequest.self, key: transaction), request.kind == .enrollment,
            let issuer = request.issuer,
            let factor = try store.read(Account.self, key: request.account)?.factors.first(where: {
                $0.id == request.factorID
            }),
            let secret = factor.totpSecret.flatMap({ try? Base32.decode($0) }),
            constantTimeEqual(secret, typed.secret)
        else { throw PhoneError.enrollmentNotFound(transaction) }
        return PushEnrollmentURI(
            enrollmentTransactionID: transaction, deviceAccountID: "", baseURL: "", issuer: issuer,
            account: request.account, secret: secret,
            algorithm: factor.totpAlgorithm.flatMap(HashAlgorithm.init(rawValue:)) ?? .sha1,
            digits: factor.totpDigits ?? 6, period: factor.totpPeriod ?? 30
        ).uriString
    }

    /// The phone's time: the portal's clock plus nothing (skew only moves codes).
    func now() -> Date { clock.now() }

    /// This phone's push device identity, made on first use (in `tx`).
    func pushDeviceIdentity(_ tx: StoreTransaction) throws -> PhoneDevice {
        let name = self.name
        return try tx.update(PhoneDevice.self, key: name) { device in
            if let device { return device }
            let made = PhoneDevice(name: name, deviceID: Secrets.identifier())
            device = made
            return made
        }
    }

    /// This phone's accounts, oldest first.
    public func accounts() throws -> [PhoneAccount] {
        try store.list(PhoneAccount.self).filter { $0.phone == name }.sorted { $0.addedAt < $1.addedAt }
    }

    /// The current authenticator code for `account` (`alice@example.com` or
    /// `Issuer:alice@example.com`) at the phone's time (portal time + `skew`).
    /// Authenticator accounts win over push accounts' fallback codes; among equals the
    /// newest added wins. An HOTP account's counter moves on by one.
    /// - Throws: `PhoneError.noSuchAccount`, or a store error.
    public func code(for account: String) throws -> String {
        let wanted = account.lowercased()
        let matches = try accounts().filter {
            $0.label.lowercased() == wanted || $0.account.lowercased() == wanted
        }
        let ranked = matches.sorted {
            if $0.kind != $1.kind { return $0.kind == .authenticator }
            return $0.addedAt > $1.addedAt
        }
        guard let chosen = ranked.first else { throw PhoneError.noSuchAccount(account) }
        if chosen.kind == .push {
            let parsed = try PushEnrollmentURI.parse(chosen.uri)
            let totp = try TOTP(
                secret: parsed.secret, algorithm: parsed.algorithm, digits: parsed.digits,
                period: parsed.period)
            return totp.code(at: clock.now().addingTimeInterval(skew))
        }
        let parsed = try OTPAuthURI.parse(chosen.uri)
        if parsed.kind == .hotp {
            let hotp = try parsed.hotp()
            return try store.update(PhoneAccount.self, key: chosen.key) { record in
                let counter = record?.counter ?? 0
                record?.counter = counter + 1
                return hotp.code(counter: counter)
            }
        }
        return try parsed.totp().code(at: clock.now().addingTimeInterval(skew))
    }
}

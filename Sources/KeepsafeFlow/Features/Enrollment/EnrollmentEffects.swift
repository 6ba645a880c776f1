import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F3 enrollment effects: pending factors, verification, activation, recovery code.
extension EffectRunner {
    /// The account whose password was accepted in this session.
    func signedInEmail() throws -> String {
        guard let email = authenticated else { throw FlowRuntimeError.notSignedIn }
        return email
    }

    /// The signed-in account, once past its second factor.
    func fullySignedInEmail() throws -> String {
        guard secondFactorPassed else { throw FlowRuntimeError.notSignedIn }
        return try signedInEmail()
    }

    /// The account that may enroll a factor now. A password alone never does: a change
    /// from the profile needs the second factor confirmed in this visit ("Confirm it's
    /// you"); an account without a usable factor needs its mailbox proved by a mailed
    /// code, unless it was made in this very session (its first enrollment).
    func enrollingEmail() throws -> String {
        let email = try signedInEmail()
        guard let account = try store.read(Account.self, key: email) else {
            throw FlowRuntimeError.notSignedIn
        }
        let confirmed = secondFactorPassed && stepUpPassed
        if account.activeFactors.isEmpty || account.mfaRequiredAtNextLogin {
            guard signedUpHere || mailboxProved || confirmed else { throw FlowRuntimeError.notSignedIn }
        } else {
            guard confirmed else { throw FlowRuntimeError.notSignedIn }
        }
        return email
    }

    func beginEnrollment(_ kind: Factor.Kind) throws -> EffectResult {
        let email = try enrollingEmail()
        let now = self.now
        let secret = Secrets.totpSecret(byteCount: policy.totp.secretBytes)
        let algorithm = HashAlgorithm(rawValue: policy.totp.algorithm) ?? .sha1
        var factor = Factor(id: Secrets.identifier(), kind: kind, state: .pending, createdAt: now)
        factor.totpSecret = Base32.encode(secret)
        factor.totpAlgorithm = algorithm.rawValue
        factor.totpDigits = policy.totp.digits
        factor.totpPeriod = policy.totp.period
        let transaction = kind == .push ? Secrets.identifier() : nil
        factor.enrollmentTransactionID = transaction
        let pending = factor
        try store.update(Account.self, key: email) { record in
            record?.factors.removeAll { $0.state == .pending && $0.kind == kind }
            record?.factors.append(pending)
        }
        let uri: String
        var manualKey = Base32.grouped(Base32.encode(secret))
        var expiresAt: Date?
        if let transaction {
            let push = PushEnrollmentURI(
                enrollmentTransactionID: transaction, deviceAccountID: factor.id,
                baseURL: brand.pushBaseURL,
                issuer: brand.issuer, account: email, secret: secret, algorithm: algorithm,
                digits: policy.totp.digits, period: policy.totp.period)
            uri = push.uriString
            // Typed instead of scanned, the code carries the transaction and the secret.
            manualKey = push.manualCode ?? manualKey
            let expiry = now.addingTimeInterval(TimeInterval(policy.push.lifetimeSeconds))
            expiresAt = expiry
            var request = PushRequest(
                id: transaction, kind: .enrollment, account: email, factorID: factor.id, createdAt: now,
                expiresAt: expiry, device: environment.deviceName, place: "")
            request.enrollmentTransactionID = transaction
            request.issuer = brand.issuer
            try store.create(request)
        } else {
            uri =
                OTPAuthURI(
                    kind: .totp, issuer: brand.issuer, account: email, secret: secret, algorithm: algorithm,
                    digits: policy.totp.digits, period: policy.totp.period, counter: nil
                ).uriString
        }
        return .enrollmentStarted(
            EnrollmentTicket(
                factorID: factor.id, kind: kind, uri: uri, manualKey: manualKey,
                accountName: email, algorithm: algorithm.rawValue, digits: policy.totp.digits,
                period: policy.totp.period, transactionID: transaction, expiresAt: expiresAt))
    }

    /// Makes a verified pending factor active and the preferred one.
    ///
    /// The first enrollment (or the one after MFA was disabled or reset) replaces every
    /// old factor and issues a recovery code; a change from the profile replaces only the
    /// factor of the same kind, keeping the recovery code (a new one if there was none).
    /// - Returns: a new recovery code in groups of four, or nil.
    func activate(_ account: inout Account, factorID: String, replacingNumber: Bool) -> String? {
        guard let index = account.factors.firstIndex(where: { $0.id == factorID }) else { return nil }
        let kind = account.factors[index].kind
        let initial = account.activeFactors.isEmpty || account.mfaRequiredAtNextLogin
        account.factors[index].state = .active
        let factor = account.factors[index]
        account.factors.removeAll { other in
            other.id != factorID && (initial || other.kind == kind)
        }
        let wasPreferred =
            account.preferredFactorID.map { id in !account.factors.contains { $0.id == id } } ?? true
        let keepsPreferred = replacingNumber || (addingBackup && !initial)
        if !keepsPreferred || wasPreferred { account.preferredFactorID = factor.id }
        account.mfaRequiredAtNextLogin = false
        guard initial || account.recoveryCodeHash == nil else { return nil }
        let code = RecoveryCode.generate()
        account.recoveryCodeHash = SecretHash.make(code.normalized)
        account.recoveryCodeRenewalDue = nil
        return code.grouped
    }

    /// Changes the pending factor `factorID` of `email` in one transaction: `change` gets
    /// the account and the factor's index and says what came of it (the device's clock skew
    /// and a new recovery code, or why not). No such pending factor: `.noChallenge`.
    func updatePendingFactor(
        _ factorID: String, of email: String,
        _ change: (inout Account, Int) throws -> Result<(Int, String?), CodeRefusal>
    ) throws -> Result<(Int, String?), CodeRefusal> {
        try store.update(Account.self, key: email) { record -> Result<(Int, String?), CodeRefusal> in
            guard var account = record,
                let index = account.factors.firstIndex(where: { $0.id == factorID && $0.state == .pending })
            else { return .failure(.noChallenge) }
            defer { record = account }
            return try change(&account, index)
        }
    }

    func enrollmentOutcome(
        email: String, factorID: String, _ outcome: Result<(Int, String?), CodeRefusal>,
        numberChange: Bool = false
    ) throws -> EffectResult {
        switch outcome {
        case .failure(let refusal):
            if case .factorLocked(let until) = refusal {
                let kind = try store.read(Account.self, key: email)?.factors.first { $0.id == factorID }?.kind
                try notify(
                    email, event: "mfa.factorLocked", mail: "factorLocked",
                    ["method": strings["method.\((kind ?? .totp).rawValue)"], "until": timestamp(until)])
            }
            return .codeRefused(refusal)
        case .success(let (skew, code)):
            guard let account = try store.read(Account.self, key: email),
                let factor = account.factors.first(where: { $0.id == factorID })
            else { throw FlowRuntimeError.notSignedIn }
            let method = strings["method.\(factor.kind.rawValue)"]
            if numberChange {
                try notify(
                    email, event: "mfa.numberChanged", mail: "numberChanged",
                    ["number": PhoneNumber.masked(factor.phoneNumber ?? "")])
            } else if addingBackup {
                try notify(
                    email, event: "mfa.backupAdded", mail: "backupAdded", ["method": method],
                    detail: ["method": factor.kind.rawValue])
            } else {
                try notify(
                    email, event: "mfa.enrolled", mail: code == nil ? "methodChanged" : "enrolled",
                    ["method": method],
                    detail: ["method": factor.kind.rawValue])
            }
            addingBackup = false
            secondFactorPassed = true
            return .enrollmentCompleted(try summary(account), recoveryCode: code, skewSeconds: skew)
        }
    }
}

import KeepsafeStore
import OneTimePassword

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The push side of the runtime: the phone's answer to an enrollment, the log-in request and
/// its answer.
extension EffectRunner {
    func checkPushEnrollment(factorID: String, transactionID: String) throws -> EffectResult {
        let email = try enrollingEmail()
        guard let request = try store.read(PushRequest.self, key: transactionID), request.account == email,
            request.factorID == factorID, request.kind == .enrollment
        else { return .pushWaiting }
        guard request.status == .approved else { return .pushWaiting }
        let outcome = try updatePendingFactor(factorID, of: email) { account, index in
            account.factors[index].pushDeviceID = request.pushDeviceID
            account.factors[index].pushDeviceName = request.pushDeviceName
            return .success((0, activate(&account, factorID: factorID, replacingNumber: false)))
        }
        if case .failure = outcome { return .pushWaiting }
        return try enrollmentOutcome(email: email, factorID: factorID, outcome)
    }

    func sendPushRequest(email: String, factor: Factor) throws -> EffectResult {
        let now = self.now
        let decision = try store.update(Account.self, key: email) { record -> SendPolicy.Decision in
            guard var account = record else { return .allowed }
            let decision = SendPolicy.push(
                requestedAt: account.pushRequestedAt, now: now, policy: policy.push)
            if decision == .allowed {
                account.pushRequestedAt =
                    SendPolicy.recent(
                        account.pushRequestedAt, now: now, window: TimeInterval(policy.push.rateWindowSeconds)
                    ) + [now]
                record = account
            }
            return decision
        }
        guard decision == .allowed else { return .sendRefused(decision) }
        let expiry = now.addingTimeInterval(TimeInterval(policy.push.lifetimeSeconds))
        var request = PushRequest(
            id: Secrets.identifier(), kind: .login, account: email, factorID: factor.id, createdAt: now,
            expiresAt: expiry, device: environment.deviceName, place: strings["push.place"])
        if policy.push.numberMatching {
            var generator = SystemRandomNumberGenerator()
            request.numberToMatch = Int.random(in: 10...99, using: &generator)
        }
        try store.create(request)
        try audit("push.sent", account: email, ["request": request.id])
        return .pushRequested(requestID: request.id, numberToMatch: request.numberToMatch, expiresAt: expiry)
    }

    func checkPushLogin(requestID: String, remember: Bool) throws -> EffectResult {
        let email = try signedInEmail()
        guard let request = try store.read(PushRequest.self, key: requestID), request.account == email,
            request.kind == .login
        else { return .pushExpired }
        switch request.status {
        case .denied:
            try audit("push.denied", account: email, ["request": requestID])
            return .pushDenied
        case .approved:
            guard let responded = request.respondedAt, responded < request.expiresAt else {
                return .pushExpired
            }
            // Single use: the approval is spent by this log-in.
            try store.delete(PushRequest.self, key: requestID)
            return try passChallenge(email: email, remember: remember, skew: 0, recoveryCode: nil)
        case .pending:
            return now >= request.expiresAt ? .pushExpired : .pushWaiting
        }
    }
}

/// What `store check` verifies about the records one record points at.
struct ReferenceCheck {
    let companies: Set<String>
    let accounts: Set<String>

    func problems<R: StoreRecord>(_ record: R) -> [String] {
        switch record {
        case let account as Account: return problems(account)
        case let invitation as Invitation: return problems(invitation)
        case let request as PushRequest:
            return accounts.contains(request.account)
                ? [] : ["refers to account \(request.account.debugDescription), which does not exist"]
        default: return []
        }
    }

    private func problems(_ account: Account) -> [String] {
        var found: [String] = []
        if account.email != account.email.lowercased() {
            found.append("the account key \(account.email.debugDescription) is not lowercased")
        }
        if !account.company.isEmpty, !companies.contains(account.company) {
            found.append("refers to company \(account.company.debugDescription), which does not exist")
        }
        let factorIDs = account.factors.map(\.id)
        if Set(factorIDs).count != factorIDs.count { found.append("two factors share an id") }
        if let preferred = account.preferredFactorID, !factorIDs.contains(preferred) {
            found.append("the preferred factor \(preferred.debugDescription) is not among its factors")
        }
        if let challenge = account.pendingChallenge, !factorIDs.contains(challenge.factorID) {
            found.append(
                "the pending challenge is bound to factor \(challenge.factorID.debugDescription), which is gone"
            )
        }
        for factor in account.factors
        where factor.kind == .totp && factor.totpSecret == nil && factor.state == .active {
            found.append("the authenticator factor \(factor.id.debugDescription) has no secret")
        }
        return found
    }

    private func problems(_ invitation: Invitation) -> [String] {
        var found: [String] = []
        if !companies.contains(invitation.company) {
            found.append("refers to company \(invitation.company.debugDescription), which does not exist")
        }
        if !accounts.contains(invitation.invitedBy) {
            found.append("was sent by account \(invitation.invitedBy.debugDescription), which does not exist")
        }
        return found
    }
}

import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F5: an invitation for a co-worker, mailed.
extension EffectRunner {
    func sendInvite(_ email: String) throws -> EffectResult {
        _ = try fullySignedInEmail()
        guard let inviter = try currentAccount() else { throw FlowRuntimeError.notSignedIn }
        if try store.read(Account.self, key: email) != nil { return .inviteRefused(.alreadyMember) }
        do {
            try store.create(
                Invitation(email: email, invitedBy: inviter.email, company: inviter.company, createdAt: now))
        } catch StoreError.alreadyExists {
            return .inviteRefused(.alreadyInvited)
        }
        let company = try store.read(Company.self, key: inviter.company)?.name ?? inviter.company
        let values = ["inviter": inviter.displayName, "company": company, "portal": brand.portalName]
        try store.create(
            MailMessage(
                id: messageID(), to: email, subject: strings.format("mail.invite.subject", values),
                body: strings.format("mail.invite.body", values), sentAt: now))
        try audit("invite.sent", account: inviter.email, ["to": email])
        return .inviteSent(email: email)
    }
}

import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// F4 home and F5 invite a co-worker.
extension Transition {
    mutating func enterHome(notice: String?) {
        state.signedIn = true
        if state.systemEnrollment {
            // `keepsafe enroll` is done: the log-in it guards goes on.
            state.finished = true
            return
        }
        state.challenge = nil
        state.sms = nil
        go(.home)
        state.notice = notice
    }

    mutating func activateHome(_ id: String) {
        switch (state.page, id) {
        case (.home, "announcement"):
            state.account?.announcementDismissed = true
            emit(.dismissAnnouncement)
        case (.home, "profile"): go(.profile)
        case (.home, "invite"), (.inviteSent, "another"): go(.invite)
        case (.home, "logout"): logOut()
        case (.invite, "cancel"), (.inviteSent, "home"): go(.home)
        case (.invite, "send"):
            let text = form.value("email").trimmingWhitespace
            guard !text.isEmpty else {
                say(.error, "invite.empty")
                state.form.focus = "email"
                return
            }
            guard let email = EmailAddress(text) else {
                say(.error, "invite.invalid")
                state.form.focus = "email"
                return
            }
            state.messages = []
            emit(.sendInvite(email: email.value))
        default: break
        }
    }

    mutating func applyHome(_ result: EffectResult) {
        switch result {
        case .inviteSent(let email):
            state.inviteSentTo = email
            go(.inviteSent)
        case .inviteRefused(let refusal):
            say(.error, refusal == .alreadyInvited ? "invite.alreadyInvited" : "invite.alreadyMember")
            state.form.focus = "email"
        default: break
        }
    }
}

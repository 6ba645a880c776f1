import KeepsafeBase

/// F4 home: the welcome, the announcement banner, and the way to the profile and invites.
struct HomeState: Sendable, Equatable {
    /// A notice (after a recovery-code log-in: "change it in My Profile").
    var notice: String?
}

extension Page {
    static let home = Page("home")
}

extension HomeState: ScreenFeature {
    enum Control: String, ControlName {
        case announcement
        case announcementLink = "announcement.link"
        case profile, invite, logout
    }

    var page: Page { .home }

    func activate(_ control: Control, _ flow: inout Transition) {
        guard var account = flow.account else { return }
        switch control {
        case .announcement:
            account.announcementDismissed = true
            flow.update(account: account)
            flow.emit(.dismissAnnouncement)
        case .announcementLink:
            guard let url = flow.context.brand.announcementURL else { return }
            flow.emit(.copyToClipboard(url))
            flow.say(.info, "home.linkCopied", ["url": Sanitizer.clean(url)])
        case .profile: flow.go(.profile(account, .overview))
        case .invite: flow.go(.invite(account, .form))
        case .logout: flow.logOut()
        }
    }

    func back(_ flow: inout Transition) {}

    func build(_ screen: inout ScreenBuilder) -> Screen {
        let announcement = screen.context.brand.announcement
        let account = screen.account
        if !announcement.isEmpty, account?.announcementDismissed != true {
            screen.append(
                .banner(
                    Banner(
                        id: Control.announcement.rawValue, text: Sanitizer.clean(announcement), dismissible: true)))
            // The banner's link, a control of its own so that Tab reaches it.
            if let label = screen.context.brand.announcementLink, !label.isEmpty,
                screen.context.brand.announcementURL?.isEmpty == false
            {
                screen.append(.link(Button(id: Control.announcementLink.rawValue, label: Sanitizer.clean(label))))
            }
        }
        screen.heading("home.welcome", ["name": Sanitizer.clean(account?.displayName ?? "")])
        if let account {
            screen.paragraph(
                "home.company",
                ["company": Sanitizer.clean(account.companyName), "email": Sanitizer.clean(account.email)])
            if account.factors.isEmpty { screen.message(.warning, screen.strings["home.noMFA"]) }
        }
        if let notice { screen.message(.info, notice) }
        screen.messages()
        screen.link(Control.profile, "link.profile")
        screen.link(Control.invite, "link.invite")
        screen.helpLink()
        screen.link(Control.logout, "link.logout")
        return screen.build(titleKey: "home.title", defaultFocus: Control.profile)
    }
}

import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The phone's screen models, derived from its state and the last snapshot.
/// Pure: reading them changes nothing. Screen ids are `phone.<page>`.
enum PhoneScreens {
    static func make(_ state: PhoneState) -> Screen {
        var elements: [Element] = []
        if let notice = state.notice {
            elements.append(
                .banner(Banner(id: "notice", text: Sanitizer.clean(notice.text), dismissible: true)))
        }
        if let failure = state.snapshot.failure {
            elements.append(.message(Message(.error, "Store: \(failure)")))
        }
        let title: String
        var status = "1-5 apps · Esc back · ? help"
        switch state.currentPage {
        case .home:
            title = "Home"
            elements += home(state)
            status = "↑↓ Enter · 1-5 apps" + (state.allowsQuit ? " · q quit" : "")
        case .authenticator:
            title = "Authenticator"
            elements += authenticator(state)
        case .addAccount:
            title = "Add account"
            elements += addAccount(state)
            status = "Enter add · Esc cancel"
        case .messages:
            title = "Messages"
            elements += messages(state)
        case .mail:
            title = "Mail"
            elements += mail(state)
        case .mailMessage:
            title = "Mail"
            elements += mailMessage(state)
        case .push:
            title = "Push"
            elements += push(state)
        case .settings:
            title = "Settings"
            elements += settings(state)
        case .help:
            title = "Phone help"
            elements += help()
        }
        if let message = state.message { elements.append(.message(message)) }
        return Screen(
            id: "phone." + state.currentPage.rawValue, title: title, elements: elements, status: status,
            wantsPolling: true)
    }

    // MARK: Pages

    private static func home(_ state: PhoneState) -> [Element] {
        let snapshot = state.snapshot
        func badge(_ page: PhoneSession.Page, _ total: String) -> String {
            let fresh = state.unread[page] ?? 0
            return fresh > 0 ? "\(fresh) new" : total
        }
        let authenticators = snapshot.entries.filter { $0.account.kind == .authenticator }.count
        let waiting = snapshot.prompts.filter { $0.state == .pending }.count
        let items = [
            ListBox.Item(
                id: "authenticator", label: "1 Authenticator",
                detail: PhoneText.count(authenticators, "account")),
            ListBox.Item(
                id: "messages", label: "2 Messages",
                detail: badge(.messages, PhoneText.count(snapshot.sms.count, "SMS"))),
            ListBox.Item(
                id: "mail", label: "3 Mail",
                detail: badge(.mail, PhoneText.count(snapshot.mail.count, "mail"))),
            ListBox.Item(id: "push", label: "4 Push", detail: waiting > 0 ? "\(waiting) waiting" : ""),
            ListBox.Item(
                id: "settings", label: "5 Settings", detail: "clock " + PhoneText.skew(state.skew)),
        ]
        return [
            .paragraph(timeLine(state)),
            .list(
                filtered(ListBox(id: "apps", label: "Apps", items: items, visibleRows: items.count), state)),
        ]
    }

    private static func authenticator(_ state: PhoneState) -> [Element] {
        var elements: [Element] = [.paragraph(timeLine(state))]
        let entries = state.snapshot.entries.filter { $0.account.kind == .authenticator }
        if entries.isEmpty { elements.append(.paragraph(PhoneText.noAccounts)) }
        for entry in entries {
            elements.append(.heading(Sanitizer.clean(entry.account.label)))
            elements += codeLines(entry)
        }
        elements += addButtons(state)
        return elements
    }

    /// The live code and its countdown, or the HOTP button.
    private static func codeLines(_ entry: AuthenticatorEntry) -> [Element] {
        if let code = entry.code, let left = entry.secondsRemaining, let period = entry.period {
            return [
                .code(PhoneText.grouped(code)),
                .paragraph("\(PhoneText.countdown(left, of: period)) \(left) s"),
            ]
        }
        return [
            .paragraph("Counter-based (HOTP), next counter \(entry.counter ?? 0)"),
            .button(Button(id: PhoneSession.ActionID.hotp + entry.account.label, label: "Next code")),
        ]
    }

    private static func addButtons(_ state: PhoneState) -> [Element] {
        var buttons: [Element] = []
        if state.hasScanner { buttons.append(.button(Button(id: "scan", label: "Scan QR"))) }
        buttons.append(.button(Button(id: "add", label: "Add account")))
        return buttons
    }

    private static func addAccount(_ state: PhoneState) -> [Element] {
        [
            .paragraph(
                "Paste the URI the portal's QR code encodes (otpauth://...), or type the push "
                    + "enrollment code shown under \"Can't scan?\"."),
            .field(
                Field(
                    id: "uri", label: "URI", value: state.form.value("uri"),
                    cursor: state.form.cursors["uri"])),
            .button(Button(id: "add.submit", label: "Add")),
            .button(Button(id: "back", label: "Cancel")),
        ]
    }

    private static func messages(_ state: PhoneState) -> [Element] {
        let numbers = state.numbers.isEmpty ? "every number" : state.numbers.joined(separator: ", ")
        var elements: [Element] = [.paragraph("SMS to " + Sanitizer.clean(numbers) + ", newest first.")]
        if state.snapshot.sms.isEmpty { elements.append(.paragraph(PhoneText.noSMS)) }
        for message in state.snapshot.sms.prefix(12) {
            elements.append(.heading("\(PhoneText.clock(message.deliverAt))  \(Sanitizer.clean(message.to))"))
            elements.append(.paragraph(Sanitizer.clean(message.body)))
            if let code = Phone.highlightedCode(in: message.body) { elements.append(.code("Code " + code)) }
        }
        return elements
    }

    private static func mail(_ state: PhoneState) -> [Element] {
        guard !state.snapshot.mail.isEmpty else { return [.paragraph(PhoneText.noMail)] }
        let items = state.snapshot.mail.prefix(50).map { mail in
            ListBox.Item(
                id: mail.id, label: Sanitizer.clean(mail.subject),
                detail: PhoneText.clock(mail.sentAt) + " " + Sanitizer.clean(mail.to))
        }
        return [
            .list(
                filtered(ListBox(id: "mails", label: "Inbox", items: Array(items), visibleRows: 10), state))
        ]
    }

    private static func mailMessage(_ state: PhoneState) -> [Element] {
        guard let mail = state.snapshot.mail.first(where: { $0.id == state.openMail }) else {
            return [.paragraph(PhoneText.noMail)]
        }
        var elements: [Element] = [
            .heading(Sanitizer.clean(mail.subject)),
            .paragraph("To \(Sanitizer.clean(mail.to)) at \(PhoneText.clock(mail.sentAt))"),
        ]
        for line in mail.body.split(separator: "\n", omittingEmptySubsequences: true) {
            elements.append(.paragraph(Sanitizer.clean(String(line))))
        }
        elements.append(.button(Button(id: "back", label: "Back")))
        return elements
    }

    private static func push(_ state: PhoneState) -> [Element] {
        var elements: [Element] = []
        let enrolled = state.snapshot.entries.filter { $0.account.kind == .push }
        for entry in enrolled {
            var line = "Enrolled: " + Sanitizer.clean(entry.account.label)
            if let code = entry.code { line += " · manual code " + PhoneText.grouped(code) }
            elements.append(.paragraph(line))
        }
        let prompts = state.snapshot.prompts
        if prompts.isEmpty { elements.append(.paragraph(PhoneText.noPrompts)) }
        for prompt in prompts.prefix(6) { elements += self.prompt(prompt, state) }
        elements += addButtons(state)
        return elements
    }

    private static func prompt(_ prompt: PushPrompt, _ state: PhoneState) -> [Element] {
        let request = prompt.request
        let context =
            "\(Sanitizer.clean(request.device)) · \(Sanitizer.clean(request.place)) · "
            + PhoneText.clock(request.createdAt)
        switch prompt.state {
        case .pending:
            var elements: [Element] = [
                .heading("Log in as \(Sanitizer.clean(request.account))?"),
                .paragraph(context),
                .paragraph("Expires in \(max(0, prompt.secondsLeft)) s"),
            ]
            if request.numberToMatch != nil {
                let id = PhoneSession.ActionID.match + request.id
                elements.append(
                    .field(
                        Field(
                            id: id, label: "Number", value: state.form.value(id),
                            cursor: state.form.cursors[id],
                            hint: "the number the portal shows")))
            }
            elements.append(.button(Button(id: PhoneSession.ActionID.approve + request.id, label: "Approve")))
            elements.append(.button(Button(id: PhoneSession.ActionID.deny + request.id, label: "Deny")))
            return elements
        case .expired, .approved, .denied:
            let word =
                prompt.state == .expired ? "Expired" : prompt.state == .approved ? "Approved" : "Denied"
            return [
                .message(
                    Message(
                        prompt.state == .approved ? .success : .warning,
                        "\(word): \(Sanitizer.clean(request.account)) · \(context)"))
            ]
        }
    }

    private static func settings(_ state: PhoneState) -> [Element] {
        [
            .paragraph(timeLine(state)),
            .paragraph(PhoneText.skewExplained),
            .button(Button(id: "skew.minus", label: "-30 s")),
            .button(Button(id: "skew.plus", label: "+30 s")),
            .button(Button(id: "skew.reset", label: "Reset clock")),
        ]
    }

    private static func help() -> [Element] {
        [
            .paragraph("1 Authenticator: live codes for the accounts you scanned, with the seconds left."),
            .paragraph("2 Messages: SMS to this phone's numbers; the code in each is highlighted."),
            .paragraph("3 Mail: invitations and security notices."),
            .paragraph("4 Push: log-in requests to approve or deny; expired ones stay listed."),
            .paragraph("5 Settings: make the phone's clock run fast or slow."),
            .paragraph("Tab and the arrows move, Enter opens or presses, Esc goes back, Ctrl-C quits."),
            .button(Button(id: "back", label: "Back")),
        ]
    }

    /// `list` with the form's type-ahead filter applied and its selection.
    private static func filtered(_ list: ListBox, _ state: PhoneState) -> ListBox {
        var list = list
        let filter = state.form.filters[list.id] ?? ""
        if !filter.isEmpty {
            list.items = list.items.filter {
                $0.label.foldedForSearch.contains(filter.foldedForSearch)
                    || ($0.detail ?? "").foldedForSearch.contains(filter.foldedForSearch)
            }
        }
        list.filter = filter
        list.selected =
            list.items.isEmpty ? nil : min(state.form.selections[list.id] ?? 0, list.items.count - 1)
        return list
    }

    /// `09:41:05 · clock 90 s fast`.
    private static func timeLine(_ state: PhoneState) -> String {
        "\(PhoneText.clock(state.snapshot.phoneTime)) UTC · clock \(PhoneText.skew(state.skew))"
    }
}

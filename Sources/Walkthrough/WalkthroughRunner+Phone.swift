import KeepsafeFlow

extension WalkthroughRunner {
    /// `phone scan|add|approve|deny|sms|mail|totp|pending`: the phone acts through the store's
    /// channels, as `keepsafe phone` does.
    func phoneStep(_ step: Step) throws {
        let action = step.arguments[0].text.lowercased()
        do {
            switch action {
            case "scan":
                try scan()
            case "add":
                let account = try phone.add(uri: try argument(step, 1))
                remember("phone.account", account.label, secret: false)
            case "approve":
                var number: Int?
                if step.arguments.count > 1 {
                    let text = try argument(step, 1)
                    guard let value = Int(text) else {
                        throw WalkthroughFailure.badArgument(
                            WalkthroughWords.text("notANumberToMatch", ["text": text]))
                    }
                    number = value
                }
                try phone.approve(number: number)
            case "deny":
                try phone.deny()
            case "sms":
                let number = try argument(step, 1)
                guard let message = try phone.messages(to: number).first else {
                    throw WalkthroughFailure.action(WalkthroughWords.text("noSMSYet", ["number": number]))
                }
                remember("sms.body", message.body, secret: false)
                if let code = try phone.latestCode(to: number) { remember("sms", code, secret: true) }
            case "mail":
                try mail(step)
            case "pending":
                let text = try argument(step, 1)
                guard let wanted = Int(text) else {
                    throw WalkthroughFailure.badArgument(WalkthroughWords.text("notACount", ["text": text]))
                }
                let pending = try phone.pendingPushRequests().count
                guard pending == wanted else {
                    throw WalkthroughFailure.expectation(
                        WalkthroughWords.text(
                            "pendingCount", ["pending": "\(pending)", "wanted": "\(wanted)"]))
                }
            case "totp":
                remember("totp", try phone.code(for: try argument(step, 1)), secret: true)
            default:
                throw WalkthroughFailure.badArgument(
                    WalkthroughWords.text("unknownPhoneActionShort", ["action": action]))
            }
        } catch let error as PhoneError {
            throw WalkthroughFailure.action("phone: \(error)")
        }
    }

    /// Adds exactly what the QR block on screen encodes.
    private func scan() throws {
        let screen = try requireSession().screen
        let payloads = screen.elements.compactMap { element -> String? in
            if case .qr(let block) = element { return block.payload }
            return nil
        }
        guard let payload = payloads.first else {
            throw WalkthroughFailure.action(WalkthroughWords.text("noQROnScreen", ["screen": screen.id]))
        }
        let account = try phone.add(uri: payload)
        remember("phone.account", account.label, secret: false)
    }

    private func mail(_ step: Step) throws {
        let email = try argument(step, 1)
        let mails = try phone.mail(to: email)
        guard let newest = mails.first else {
            throw WalkthroughFailure.action(WalkthroughWords.text("noMailYet", ["email": email]))
        }
        remember("mail.subject", newest.subject, secret: false)
        remember("mail.body", newest.body, secret: false)
        // A mailed one-time code (proving the mailbox) is captured as {phone.mail.code}.
        if let code = Phone.code(in: newest.body) { remember("mail.code", code, secret: true) }
        guard step.arguments.count > 2 else { return }
        let wanted = try argument(step, 2)
        let found = mails.contains {
            ScreenText.contains([$0.subject, $0.body], wanted)
        }
        guard found else {
            let subjects = mails.map { "\"\($0.subject)\"" }.joined(separator: ", ")
            throw WalkthroughFailure.expectation(
                WalkthroughWords.text(
                    "noMailMentions", ["email": email, "wanted": wanted, "subjects": subjects]))
        }
    }
}

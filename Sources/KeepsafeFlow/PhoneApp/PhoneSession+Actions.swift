import KeepsafeBase
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the phone's buttons, list items and fields do.
extension PhoneSession {
    /// Element ids that carry a request id after a prefix.
    enum ActionID {
        static let approve = "approve:"
        static let deny = "deny:"
        static let match = "match:"
        static let hotp = "hotp:"
    }

    /// A button, link or banner was activated.
    func activate(_ id: String) {
        switch id {
        case "notice":
            if let notice { open(notice.page) }
            notice = nil
        case "scan": scan()
        case "add": open(.addAccount)
        case "add.submit": addPasted()
        case "back": back()
        case "skew.minus": setSkew(phone.skew - 30)
        case "skew.plus": setSkew(phone.skew + 30)
        case "skew.reset": setSkew(0)
        default:
            if id.hasPrefix(ActionID.approve) {
                answer(String(id.dropFirst(ActionID.approve.count)), approve: true)
            } else if id.hasPrefix(ActionID.deny) {
                answer(String(id.dropFirst(ActionID.deny.count)), approve: false)
            } else if id.hasPrefix(ActionID.hotp) {
                nextHOTP(String(id.dropFirst(ActionID.hotp.count)))
            }
        }
    }

    /// A list item was activated.
    func activateItem(list: String, item: String) {
        switch list {
        case "apps":
            if let target = Page(rawValue: item) { open(target) }
        case "mails":
            openMail = item
            open(.mailMessage)
        default: break
        }
    }

    /// Enter in a field: the page's main action.
    func submit(from field: String) {
        if field == "uri" {
            addPasted()
        } else if field.hasPrefix(ActionID.match) {
            answer(String(field.dropFirst(ActionID.match.count)), approve: true)
        }
    }

    // MARK: Authenticator and push enrollment

    /// "Scans" the QR code a portal beside the phone shows now: exactly its payload.
    private func scan() {
        guard let scanner else {
            message = Message(.warning, PhoneText.noScanner)
            return
        }
        guard let payload = scanner() else {
            message = Message(.warning, PhoneText.nothingToScan)
            return
        }
        add(payload)
    }

    private func addPasted() {
        let text = form.value("uri").trimmingWhitespace
        guard !text.isEmpty else {
            message = Message(.error, PhoneText.pasteFirst)
            return
        }
        add(text)
    }

    private func add(_ uri: String) {
        do {
            let account = try phone.add(uri: uri)
            open(account.kind == .push ? .push : .authenticator)
            let what = account.kind == .push ? PhoneText.pushEnrolled : PhoneText.accountAdded
            message = Message(.success, what + Sanitizer.clean(account.label))
            poll()
        } catch {
            message = Message(.error, "\(error)")
        }
    }

    private func nextHOTP(_ label: String) {
        do {
            let code = try phone.code(for: label)
            message = Message(.info, "\(Sanitizer.clean(label)): \(code)")
            poll()
        } catch {
            message = Message(.error, "\(error)")
        }
    }

    // MARK: Push

    private func answer(_ request: String, approve: Bool) {
        do {
            if approve {
                let prompt = snapshot.prompts.first { $0.request.id == request }
                var number: Int?
                if prompt?.request.numberToMatch != nil {
                    let typed = form.value(ActionID.match + request).trimmingWhitespace
                    guard let value = Int(typed) else {
                        form.focus = ActionID.match + request
                        message = Message(.error, PhoneText.typeTheNumber)
                        return
                    }
                    number = value
                }
                try phone.approve(request, number: number)
                message = Message(.success, PhoneText.approved)
            } else {
                try phone.deny(request)
                message = Message(.info, PhoneText.denied)
            }
        } catch {
            message = Message(.error, "\(error)")
        }
        poll()
    }

    // MARK: Settings

    private func setSkew(_ seconds: TimeInterval) {
        phone = phone.with(skew: seconds)
        message = Message(.info, PhoneText.clockSet(seconds))
        poll()
    }
}

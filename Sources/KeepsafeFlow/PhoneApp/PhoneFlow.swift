import KeepsafeBase
import KeepsafeStore

/// The phone app's reducer: keys and the answers to its effects in, a new state and the
/// effects to perform out. Pure, like the portal's `Flow.reduce`: it never reads the store
/// or the clock (the snapshot carries what the store held).
enum PhoneFlow {
    static func reduce(_ state: PhoneState, _ event: PhoneEvent) -> (PhoneState, [PhoneEffect]) {
        var step = PhoneStep(state: state)
        switch event {
        case .key(let key): step.handle(key)
        case .result(let result): step.apply(result)
        }
        return (step.state, step.effects)
    }

    /// The screen of `state`, its focus on the remembered control or else the first one.
    static func screen(_ state: PhoneState) -> Screen {
        var screen = PhoneScreens.make(state)
        let ids = screen.elements.compactMap(\.focusID)
        screen.focus = state.form.focus.flatMap { ids.contains($0) ? $0 : nil } ?? ids.first
        return screen
    }
}

extension PhoneSession {
    /// Element ids that carry a request id or an account label after a prefix.
    enum ActionID {
        static let approve = "approve:"
        static let deny = "deny:"
        static let match = "match:"
        static let hotp = "hotp:"
    }
}

/// One event being reduced: the state changed so far and the effects asked for.
struct PhoneStep {
    var state: PhoneState
    private(set) var effects: [PhoneEffect] = []

    init(state: PhoneState) { self.state = state }

    // MARK: Keys

    mutating func handle(_ key: Key) {
        let current = PhoneFlow.screen(state)
        let focused = current.focus.flatMap { id in current.elements.first { $0.focusID == id } }
        var editing = false
        if case .field(let field)? = focused { editing = field.editable }
        // The phone's own keys, outside a field: Help, Back, quit, the apps by number,
        // and Space picking a list item like Enter.
        if !editing {
            switch key {
            case .help, .character("?"):
                open(.help)
                return
            case .escape:
                back()
                return
            case .character("q") where state.allowsQuit && state.page == .home:
                state.finished = true
                return
            case .character(let character) where character.isASCII && character.isNumber:
                let apps: [PhoneSession.Page] = [.authenticator, .messages, .mail, .push, .settings]
                if let digit = character.wholeNumberValue, (1...apps.count).contains(digit) {
                    open(apps[digit - 1])
                }
                return
            case .space:
                if case .list(let list)? = focused {
                    if let index = list.selected, list.items.indices.contains(index) {
                        activateItem(list: list.id, item: list.items[index].id)
                    }
                    return
                }
            default: break
            }
        }
        // Everything else is the form engine's, as in the portal.
        switch FormEngine.handle(key, on: focused, form: &state.form) {
        case .none: break
        case .moveFocus(let step):
            state.form.focus = FormEngine.focus(
                after: current.focus, by: step, in: current.elements.compactMap(\.focusID))
        case .submit(let field): submit(from: field)
        case .press(let button): if button.enabled { activate(button.id) }
        case .activate(let id): activate(id)
        case .activateItem(let list, let item): activateItem(list: list, item: item)
        }
    }

    /// A button, link or banner was activated.
    mutating func activate(_ id: String) {
        switch id {
        case "notice":
            if let notice = state.notice { open(notice.page) }
            state.notice = nil
        case "scan": effects.append(.scan)
        case "add": open(.addAccount)
        case "add.submit": addPasted()
        case "back": back()
        case "skew.minus": effects.append(.setSkew(state.skew - 30))
        case "skew.plus": effects.append(.setSkew(state.skew + 30))
        case "skew.reset": effects.append(.setSkew(0))
        default:
            typealias ID = PhoneSession.ActionID
            if id.hasPrefix(ID.approve) {
                approve(String(id.dropFirst(ID.approve.count)))
            } else if id.hasPrefix(ID.deny) {
                effects.append(.deny(requestID: String(id.dropFirst(ID.deny.count))))
            } else if id.hasPrefix(ID.hotp) {
                effects.append(.nextCode(label: String(id.dropFirst(ID.hotp.count))))
            }
        }
    }

    /// A list item was activated.
    mutating func activateItem(list: String, item: String) {
        switch list {
        case "apps":
            if let target = PhoneSession.Page(rawValue: item) { open(target) }
        case "mails":
            state.openMail = item
            open(.mailMessage)
        default: break
        }
    }

    /// Enter in a field: the page's main action.
    mutating func submit(from field: String) {
        if field == "uri" {
            addPasted()
        } else if field.hasPrefix(PhoneSession.ActionID.match) {
            approve(String(field.dropFirst(PhoneSession.ActionID.match.count)))
        }
    }

    private mutating func addPasted() {
        let text = state.form.value("uri").trimmingWhitespace
        guard !text.isEmpty else {
            state.message = Message(.error, PhoneText.pasteFirst)
            return
        }
        effects.append(.add(text))
    }

    /// Approve, with the number typed beside the prompt when the portal shows one.
    private mutating func approve(_ request: String) {
        let prompt = state.snapshot.prompts.first { $0.request.id == request }
        var number: Int?
        if prompt?.request.numberToMatch != nil {
            let field = PhoneSession.ActionID.match + request
            guard let value = Int(state.form.value(field).trimmingWhitespace) else {
                state.form.focus = field
                state.message = Message(.error, PhoneText.typeTheNumber)
                return
            }
            number = value
        }
        effects.append(.approve(requestID: request, number: number))
    }

    // MARK: Pages

    /// Shows `target` with a fresh form (the notice stays until dismissed or opened).
    mutating func open(_ target: PhoneSession.Page) {
        if target == .addAccount || target == .help { state.returnPage = state.page == .help ? .home : state.page }
        state.page = target
        state.form = FormState()
        state.message = nil
        state.unread[target] = nil
        if target == .mail || target == .mailMessage { state.unread[.mail] = nil }
        if let notice = state.notice, notice.page == target { state.notice = nil }
    }

    mutating func back() {
        switch state.page {
        case .home: break
        case .mailMessage: open(.mail)
        case .addAccount, .help: open(state.returnPage)
        default: open(.home)
        }
    }

    // MARK: Answers

    mutating func apply(_ result: PhoneResult) {
        switch result {
        case .polled(let snapshot):
            state.snapshot = snapshot
            noticeNewArrivals()
        case .added(let account):
            open(account.kind == .push ? .push : .authenticator)
            let what = account.kind == .push ? PhoneText.pushEnrolled : PhoneText.accountAdded
            state.message = Message(.success, what + Sanitizer.clean(account.label))
            effects.append(.poll)
        case .noScanner: state.message = Message(.warning, PhoneText.noScanner)
        case .nothingToScan: state.message = Message(.warning, PhoneText.nothingToScan)
        case .nextCode(let label, let code):
            state.message = Message(.info, "\(Sanitizer.clean(label)): \(code)")
            effects.append(.poll)
        case .answered(let approved):
            state.message = approved ? Message(.success, PhoneText.approved) : Message(.info, PhoneText.denied)
            effects.append(.poll)
        case .skewSet(let seconds):
            state.skew = seconds
            state.message = Message(.info, PhoneText.clockSet(seconds))
            effects.append(.poll)
        case .failed(let text, let pollAfter):
            state.message = Message(.error, text)
            if pollAfter { effects.append(.poll) }
        }
    }

    /// Marks what the last poll found that the phone had not seen: a banner, a badge and
    /// the bell. What was already in the store when the phone started is not news.
    private mutating func noticeNewArrivals() {
        let snapshot = state.snapshot
        // A prompt answered (here, by the command line, or by expiry) asks nothing any more.
        if let id = state.notice?.requestID,
            !snapshot.prompts.contains(where: { $0.request.id == id && $0.state == .pending })
        {
            state.notice = nil
        }
        var fresh: [PhoneSession.Notice] = []
        for message in snapshot.sms where !state.seen.contains("sms:" + message.id) {
            state.seen.insert("sms:" + message.id)
            fresh.append(.init(text: "SMS to \(message.to): \(message.body)", page: .messages))
        }
        for mail in snapshot.mail where !state.seen.contains("mail:" + mail.id) {
            state.seen.insert("mail:" + mail.id)
            fresh.append(.init(text: "Mail: \(mail.subject)", page: .mail))
        }
        for prompt in snapshot.prompts
        where prompt.state == .pending && !state.seen.contains("push:" + prompt.request.id) {
            state.seen.insert("push:" + prompt.request.id)
            fresh.append(
                .init(
                    text: "Log-in request for \(prompt.request.account): Approve or Deny?", page: .push,
                    requestID: prompt.request.id))
        }
        guard state.primed else {
            state.primed = true
            return
        }
        guard !fresh.isEmpty else { return }
        for item in fresh where item.page != state.page { state.unread[item.page, default: 0] += 1 }
        // The newest arrival is the one worth a banner; a push prompt beats a message.
        state.notice = fresh.first { $0.page == .push } ?? fresh.first
        effects.append(.bell)
    }
}

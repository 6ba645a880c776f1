import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The portal, running: the flow state, the runtime that performs effects against the
/// store, and the `ScreenDriver` face that the terminal UI and walkthroughs use.
public final class PortalSession: ScreenDriver {
    /// The flow state (read-only from outside: tests look at it).
    public private(set) var state = FlowState()
    private let runner: EffectRunner
    private let environment: PortalEnvironment

    /// Opens a session on `store`, at the log-in page.
    /// - Throws: `StoreError` when the store's policy cannot be read.
    public init(store: any DocumentStore, environment: PortalEnvironment) throws {
        self.environment = environment
        let policy = try store.policy()
        // Every value is range-checked before the flow does arithmetic with it.
        if let problem = policy.problems().first {
            throw StoreError.corrupt(file: "policy.json", reason: problem)
        }
        runner = EffectRunner(store: store, environment: environment, policy: policy)
    }

    /// What `keepsafe enroll` opens for a user the operating system has authenticated.
    public enum SystemEnrollment {
        /// The session, at "Keep Your Account Safe" or at a new recovery code.
        case session(PortalSession)
        /// The account is enrolled and owes no recovery code.
        case alreadyEnrolled(email: String)
    }

    /// Opens a session for `keepsafe enroll`, signed in as `email` without a password
    /// (made if missing, with an unusable password; see `EffectRunner.openSystemSession`).
    /// The session ends (`isFinished`) once the factor is enrolled and its recovery code
    /// recorded, or at "Log out".
    /// - Throws: `StoreError` when the store fails.
    public static func systemEnrollment(
        store: any DocumentStore, environment: PortalEnvironment, email: String, displayName: String,
        domain: String
    ) throws -> SystemEnrollment {
        let session = try PortalSession(store: store, environment: environment)
        switch try session.runner.openSystemSession(email: email, displayName: displayName, domain: domain) {
        case .nothingToDo(let account): return .alreadyEnrolled(email: account.email)
        case .enroll(let account): session.dispatch(.systemSignedIn(account, recoveryCode: nil))
        case .recoveryCode(let account, let code):
            session.dispatch(.systemSignedIn(account, recoveryCode: code))
        }
        return .session(session)
    }

    /// What `reduce` sees: the time now, the policy and the assets.
    public var context: FlowContext {
        FlowContext(
            now: environment.clock.now(), policy: runner.policy, brand: environment.brand,
            strings: environment.strings, countries: environment.countries,
            commonPasswords: environment.commonPasswords, deviceName: environment.deviceName)
    }

    // MARK: ScreenDriver

    public var screen: Screen { screen(in: context) }

    /// The last screen built, for the state and instant it was built for: the screen is
    /// asked for far more often than the state changes (every key of a walkthrough's
    /// `fill` looks at the focus).
    private var lastScreen: (state: FlowState, now: Date, screen: Screen)?
    /// The field the last key edited and the state it left, so that the next key on that
    /// field needs no screen built (see `Flow.reduce(_:_:_:screen:typingInto:)`).
    private var typedField: (state: FlowState, field: Field)?

    private func screen(in context: FlowContext) -> Screen {
        if let kept = keptScreen(for: context) { return kept }
        let made = Screens.make(state, context)
        lastScreen = (state, context.now, made)
        return made
    }

    /// The last screen built, when it is still the screen of `state` at `context.now`.
    private func keptScreen(for context: FlowContext) -> Screen? {
        guard let lastScreen, lastScreen.now == context.now, lastScreen.state == state else { return nil }
        return lastScreen.screen
    }

    public func send(_ key: Key) { dispatch(.key(key)) }

    public func poll() { dispatch(.tick) }

    public func takeTerminalRequests() -> [TerminalRequest] { runner.takeTerminalRequests() }

    public var isFinished: Bool { state.finished }

    /// Feeds one event through `reduce`, performs the effects, and feeds their results back.
    public func dispatch(_ event: FlowEvent) {
        var queue = [event]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            let context = context
            // The field the last key edited, if nothing else has changed since.
            let typing = typedField.flatMap { $0.state == state ? $0.field : nil }
            let (newState, effects, edited) = Flow.reduce(
                state, next, context, screen: keptScreen(for: context), typingInto: typing)
            typedField = edited.flatMap { effects.isEmpty ? (newState, $0) : nil }
            state = newState
            for effect in effects {
                if let result = runner.perform(effect) { queue.append(.result(result)) }
            }
        }
    }

    // MARK: walkthrough controls, by label

    /// Focuses the editable field labelled `label` and replaces its value with `text`,
    /// through the same key events a person would type.
    /// - Throws: `PortalSessionError.noControl` when the screen has no such editable field.
    public func fill(label: String, with text: String) throws {
        guard
            let field = find(
                label,
                { element in
                    if case .field(let field) = element, field.editable { return field }
                    return nil
                })
        else { throw PortalSessionError.noControl(kind: "field", label: label, screen: screen.id) }
        dispatch(.focus(field.id))
        dispatch(.key(.end))
        for _ in 0..<field.value.count { dispatch(.key(.backspace)) }
        for character in text { dispatch(.key(.character(character))) }
    }

    /// Activates the button, link or list item labelled `label` (or dismisses the banner
    /// whose text it is).
    /// - Throws: `PortalSessionError.noControl` when nothing on screen has that label.
    public func press(label: String) throws {
        let current = screen
        for element in current.elements {
            switch element {
            case .button(let button) where matches(button.label, label),
                .link(let button) where matches(button.label, label):
                dispatch(.focus(button.id))
                dispatch(.key(.enter))
                return
            case .banner(let banner) where banner.dismissible && matches(banner.text, label):
                dispatch(.focus(banner.id))
                dispatch(.key(.enter))
                return
            case .list(let box):
                if let index = box.items.firstIndex(where: { matches($0.label, label) }) {
                    dispatch(.focus(box.id))
                    dispatch(.select(list: box.id, index: index))
                    dispatch(.key(.enter))
                    return
                }
            default: continue
            }
        }
        throw PortalSessionError.noControl(
            kind: "button, link or list item", label: label, screen: current.id)
    }

    /// Flips the checkbox labelled `label`.
    /// - Throws: `PortalSessionError.noControl` when the screen has no such checkbox.
    public func toggle(label: String) throws {
        guard
            let box = find(
                label,
                { element in
                    if case .checkbox(let box) = element { return box }
                    return nil
                })
        else { throw PortalSessionError.noControl(kind: "checkbox", label: label, screen: screen.id) }
        dispatch(.focus(box.id))
        dispatch(.key(.space))
    }

    private func matches(_ candidate: String, _ label: String) -> Bool {
        candidate == label || candidate.lowercased() == label.lowercased()
    }

    private func find<T>(_ label: String, _ pick: (Element) -> T?) -> T? {
        let elements = screen.elements
        let labelled: (Element) -> String? = { element in
            switch element {
            case .field(let field): return field.label
            case .checkbox(let box): return box.label
            default: return nil
            }
        }
        return elements.first { labelled($0) == label }.flatMap(pick)
            ?? elements.first { labelled($0).map { self.matches($0, label) } ?? false }.flatMap(pick)
    }
}

/// Errors of the label-based controls.
public enum PortalSessionError: Error, Equatable, Sendable, CustomStringConvertible {
    case noControl(kind: String, label: String, screen: String)

    public var description: String {
        switch self {
        case .noControl(let kind, let label, let screen):
            return "no \(kind) labelled \"\(label)\" on screen \(screen)"
        }
    }
}

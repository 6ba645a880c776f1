/// One screen's state and behaviour: the controls it shows, how it is drawn and what its
/// events do. The root reducer finds the current screen's feature (`PortalState.feature`)
/// and hands it the events, already decoded into its `Control` cases.
protocol ScreenFeature: Sendable {
    associatedtype Control: ControlName
    /// The stable id of the page this state shows.
    var page: Page { get }
    /// The screen model.
    func build(_ screen: inout ScreenBuilder) -> Screen
    /// A button, link or banner was activated.
    func activate(_ control: Control, _ flow: inout Transition)
    /// An item of the list `list` was activated.
    func activateItem(_ item: String, in list: Control, _ flow: inout Transition)
    /// The button Enter presses from the field `field` (nil: Enter moves to the next control).
    func primaryAction(from field: Control) -> Control?
    /// A disabled button was pressed: say why it does nothing.
    func disabledPressed(_ control: Control, _ flow: inout Transition)
    /// The focus left `control`.
    func focusLeft(_ control: Control, _ flow: inout Transition)
    /// Esc.
    func back(_ flow: inout Transition)
    /// Time passed (screens that wait for the phone ask the runtime to look).
    func tick(_ flow: inout Transition)
    /// A result meant for this screen's own state (a code sent, a push answered); false
    /// when the screen keeps nothing of it.
    func receive(_ result: EffectResult, _ flow: inout Transition) -> Bool
    /// True when this is the same screen state as `other`.
    func isSame(as other: any ScreenFeature) -> Bool
}

extension ScreenFeature {
    func activateItem(_ item: String, in list: Control, _ flow: inout Transition) {}
    func primaryAction(from field: Control) -> Control? { nil }
    func disabledPressed(_ control: Control, _ flow: inout Transition) {}
    func focusLeft(_ control: Control, _ flow: inout Transition) {}
    func tick(_ flow: inout Transition) {}
    func receive(_ result: EffectResult, _ flow: inout Transition) -> Bool { false }

    // The root's entry points: the element id is decoded here, once, into a Control case.

    func activate(id: String, _ flow: inout Transition) {
        guard let control = Control(rawValue: id) else { return }
        activate(control, &flow)
    }

    func activateItem(_ item: String, inList id: String, _ flow: inout Transition) {
        guard let list = Control(rawValue: id) else { return }
        activateItem(item, in: list, &flow)
    }

    func primaryAction(fromID id: String) -> String? {
        Control(rawValue: id).flatMap { primaryAction(from: $0) }?.rawValue
    }

    func disabledPressed(id: String, _ flow: inout Transition) {
        guard let control = Control(rawValue: id) else { return }
        disabledPressed(control, &flow)
    }

    func focusLeft(id: String, _ flow: inout Transition) {
        guard let control = Control(rawValue: id) else { return }
        focusLeft(control, &flow)
    }
}

extension ScreenFeature where Self: Equatable {
    func isSame(as other: any ScreenFeature) -> Bool { (other as? Self) == self }
}

/// A method's own screen state (an enrollment step, a challenge), kept inside the
/// enrollment or challenge feature that shows it. Equality compares the states.
struct MethodScreen: Sendable, Equatable {
    let base: any ScreenFeature
    init(_ base: any ScreenFeature) { self.base = base }
    static func == (lhs: MethodScreen, rhs: MethodScreen) -> Bool { lhs.base.isSame(as: rhs.base) }
}

import KeepsafeFlow
import KeepsafeStore

/// What a walkthrough drives: the portal session, or a small fake in unit tests.
///
/// `fill`, `press` and `toggle` find controls by their label and must go through the
/// same code paths as key presses (contracts.md), so a walkthrough tests what a person
/// at the keyboard would get.
public protocol WalkthroughSession: ScreenDriver {
    /// Focuses the editable field labelled `label` and replaces its value with `text`.
    /// - Throws: when no such field is on screen.
    func fill(label: String, with text: String) throws
    /// Activates the button, link or list item labelled `label`, or dismisses the banner.
    /// - Throws: when nothing with that label can be pressed.
    func press(label: String) throws
    /// Flips the checkbox labelled `label`.
    /// - Throws: when no such checkbox is on screen.
    func toggle(label: String) throws
}

/// Opens portal sessions for a run. One factory serves one walkthrough, so it can keep
/// each simulated device's keyring (trusted-device tokens) across `device` and
/// `restart` steps.
public protocol SessionFactory: AnyObject {
    /// A fresh session on the device `device` (its first screen is the log-in page).
    /// - Throws: whatever opening the portal throws (an unreadable store).
    func makeSession(device: String, clock: ManualClock, store: any DocumentStore) throws
        -> any WalkthroughSession
}

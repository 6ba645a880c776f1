import Foundation
import KeepsafeFlow
import KeepsafeStore
import Walkthrough

/// A two-screen stand-in for the portal: a log-in form that accepts one password and a
/// home page. Enough to drive the runner through every non-phone verb.
final class FakePortal: WalkthroughSession {
    private(set) var screen: Screen
    private(set) var isFinished = false
    var email = ""
    var password = ""
    var remember = false
    let device: String
    var polls = 0

    init(device: String) {
        self.device = device
        screen = Screen(id: "login", title: "Log in")
        redraw(message: nil)
    }

    func redraw(message: Message?) {
        var elements: [Element] = [.paragraph("Device: \(device)")]
        if let message { elements.append(.message(message)) }
        elements += [
            .field(Field(id: "email", label: "Email", value: email)),
            .field(Field(id: "password", label: "Password", value: password, masked: true)),
            .checkbox(Checkbox(id: "remember", label: "Remember this device for 30 days", checked: remember)),
            .button(Button(id: "login", label: "Log in")),
        ]
        screen.elements = elements
        if screen.focus == nil { screen.focus = "email" }
    }

    func send(_ key: Key) {
        guard screen.id == "login" else { return }
        switch key {
        case .character(let character):
            if screen.focus == "email" { email.append(character) }
            if screen.focus == "password" { password.append(character) }
        case .tab:
            let order = ["email", "password", "remember", "login"]
            let index = order.firstIndex(of: screen.focus ?? "") ?? -1
            screen.focus = order[(index + 1) % order.count]
        case .enter:
            submit()
            return
        default:
            break
        }
        redraw(message: nil)
    }

    func submit() {
        if password == "correct horse" {
            screen = Screen(
                id: "home", title: "Welcome",
                elements: [
                    .paragraph("Signed in as \(email)."), .button(Button(id: "logout", label: "Log out")),
                ],
                focus: "logout", status: "Tab: move  Enter: activate")
        } else {
            password = ""
            redraw(message: Message(.error, "Wrong email or password."))
        }
    }

    func poll() { polls += 1 }
    func takeTerminalRequests() -> [TerminalRequest] { [] }

    func fill(label: String, with text: String) throws {
        switch label {
        case "Email": email = text
        case "Password": password = text
        default: throw FakeError.noSuchControl(label)
        }
        redraw(message: nil)
    }

    func press(label: String) throws {
        switch (screen.id, label) {
        case ("login", "Log in"): submit()
        case ("home", "Log out"): isFinished = true
        default: throw FakeError.noSuchControl(label)
        }
    }

    func toggle(label: String) throws {
        guard label == "Remember this device for 30 days" else { throw FakeError.noSuchControl(label) }
        remember.toggle()
        redraw(message: nil)
    }
}

enum FakeError: Error, CustomStringConvertible {
    case noSuchControl(String)
    var description: String {
        switch self {
        case .noSuchControl(let label): return "no control labelled \"\(label)\" on this screen"
        }
    }
}

final class FakeFactory: SessionFactory {
    private(set) var opened: [String] = []
    func makeSession(device: String, clock: ManualClock, store: any DocumentStore) throws
        -> any WalkthroughSession
    {
        opened.append(device)
        return FakePortal(device: device)
    }
}

/// Runs `text` as a walkthrough against the fake portal.
func runFake(
    _ text: String, snapshots: String = NSTemporaryDirectory(), update: Bool = false, record: Bool = false
) throws -> WalkthroughResult {
    let script = try Script(parsing: text, file: "fake.walk")
    let environment = WalkthroughEnvironment(
        store: InMemoryStore(policy: .testing()), makeFactory: { FakeFactory() },
        snapshotDirectory: snapshots,
        updateSnapshots: update, record: record)
    return WalkthroughRunner(script: script, environment: environment).run()
}

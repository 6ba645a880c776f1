import Foundation
import KeepsafeFlow
import KeepsafeStore
import OneTimePassword
import Testing

@testable import TerminalUI

/// `--with-phone`: the portal and the phone in one headless terminal, driven by raw keys.
@Suite struct SideBySideTests {
    let store = InMemoryStore(policy: .testing())
    let clock = ManualClock(Date(timeIntervalSince1970: 1_777_626_000))

    func makeApp(width: Int, height: Int = 30) throws -> (SideBySideApp, HeadlessTerminal, PortalSession) {
        let portal = try PortalSession(
            store: store,
            environment: PortalEnvironment(clock: clock, deviceName: "laptop", keyring: InMemoryKeyring()))
        let phone = PhoneSession(
            phone: Phone(store: store, clock: clock),
            scanner: { [portal] in SideBySideApp.displayedQR(portal) },
            allowsQuit: false)
        let terminal = HeadlessTerminal(width: width, height: height)
        terminal.onIdle = { $0.pendingInput.append(.character(0x03)) }
        let app = SideBySideApp(
            portal: portal, phone: phone, device: terminal, portalOptions: ViewOptions(portalName: "Portal"),
            phoneOptions: ViewOptions(portalName: "Phone"))
        return (app, terminal, portal)
    }

    /// The text of columns `range` of every row.
    func column(_ terminal: HeadlessTerminal, _ range: Range<Int>) -> [String] {
        guard let grid = terminal.frame?.grid else { return [] }
        return (0..<grid.height).map { y in
            var line = ""
            for x in range where !grid[x, y].continuation { line.append(grid[x, y].glyph) }
            return line.trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func bothPanesAt120ColumnsAndF6MovesTheKeyboard() throws {
        let (app, terminal, portal) = try makeApp(width: 120)
        #expect(app.run() == .interrupted)
        let left = column(terminal, 0..<80)
        let right = column(terminal, 80..<120)
        // The title bar: the screen's title on the left, the pane's name on the right.
        #expect(left.first?.hasSuffix("Portal") == true)
        #expect(right.first?.hasSuffix("Phone") == true)
        #expect(left.last?.hasPrefix("F6 phone · ") == true)
        #expect(right.last?.hasPrefix("F6 to use · ") == true)
        #expect(right.contains { $0.contains("1 Authenticator") })
        #expect(portal.screen.id == "login")

        // F6, then "2" reaches the phone (messages), not the portal's email field.
        terminal.pendingInput = [.keyCode(KeyDecoder.keyF0 + 6)]
        #expect(app.run() == .interrupted)
        #expect(app.active == .phone)
        // The phone's first control has the focus at once, marked without colour.
        let phoneHome = column(terminal, 80..<120)
        #expect(phoneHome.contains { $0.hasPrefix("▸") }, "\(phoneHome.joined(separator: "\n"))")
        terminal.pendingInput = [.character(0x32)]
        #expect(app.run() == .interrupted)
        #expect(column(terminal, 80..<120).contains("Messages"))
        #expect(column(terminal, 80..<120).last?.hasPrefix("F6 portal · ") == true)
        #expect(column(terminal, 0..<80).last?.hasPrefix("F6 to use · ") == true)
        // Ctrl-W switches back.
        terminal.pendingInput = [.character(0x17)]
        _ = app.run()
        #expect(app.active == .portal)
        // In a text field Ctrl-W erases the word before the cursor instead, as in a shell.
        terminal.pendingInput = "alice one".unicodeScalars.map { .character($0.value) } + [.character(0x17)]
        _ = app.run()
        #expect(app.active == .portal)
        #expect(portal.state.form.value("email") == "alice ")
    }

    /// Issue 13: the phone's "Approve or Deny?" banner stayed after the request was answered.
    @Test func theApproveBannerGoesOnceTheRequestIsAnswered() throws {
        let phone = Phone(store: store, clock: clock)
        var account = PhoneAccount(
            phone: phone.name, kind: .push, issuer: "Portal", account: "alice@example.com",
            uri: PushEnrollmentURI(
                enrollmentTransactionID: String(repeating: "ab", count: 16), deviceAccountID: "",
                baseURL: "", issuer: "Portal", account: "alice@example.com", secret: Array(repeating: 7, count: 20)
            ).uriString,
            addedAt: clock.now())
        account.factorID = "f-push"
        try store.save(account)
        let session = PhoneSession(phone: phone, scanner: nil, allowsQuit: false)
        session.poll()  // what is there at start is not news
        let request = PushRequest(
            id: "r1", kind: .login, account: "alice@example.com", factorID: "f-push", createdAt: clock.now(),
            expiresAt: clock.now().addingTimeInterval(300), device: "laptop", place: "here")
        try store.create(request)
        func banners() -> [String] {
            session.screen.elements.compactMap { if case .banner(let banner) = $0 { banner.text } else { nil } }
        }
        session.poll()
        #expect(banners() == ["Log-in request for alice@example.com: Approve or Deny?"])
        try phone.approve("r1")
        session.poll()
        #expect(banners().isEmpty, "answered: the banner asks nothing any more")
    }

    @Test func narrowerThan120ShowsOnePaneAndSaysTheWidthNeeded() throws {
        let (app, terminal, _) = try makeApp(width: 100)
        _ = app.run()
        let lines = terminal.lines
        #expect(lines.first?.contains("Portal") == true)
        #expect(lines.last?.contains("Side by side needs 120 columns (this terminal has 100).") == true)
        terminal.pendingInput = [.keyCode(KeyDecoder.keyF0 + 6)]
        _ = app.run()
        #expect(terminal.lines.first?.contains("Phone") == true)
        #expect(terminal.lines.contains { $0.contains("1 Authenticator") })
    }

    @Test func thePhoneScansThePortalsQRAndItsCodeCompletesEnrollment() throws {
        let (app, terminal, portal) = try makeApp(width: 130, height: 40)
        // Sign up through the portal pane by label (the same code paths as keys).
        try portal.press(label: "Sign up")
        try portal.fill(label: "Email", with: "carol@example.com")
        try portal.fill(label: "Full name", with: "Carol")
        try portal.fill(label: "Company", with: "Acme")
        try portal.fill(label: "Password", with: "correct horse battery")
        try portal.fill(label: "Confirm password", with: "correct horse battery")
        try portal.press(label: "Sign up")
        try portal.press(label: "Authenticator app")
        let uri = try #require(SideBySideApp.displayedQR(portal))
        // On the phone: F6, 1 (Authenticator), Enter on "Scan QR" (the first control).
        terminal.pendingInput = [.keyCode(KeyDecoder.keyF0 + 6), .character(0x31), .character(0x0D)]
        _ = app.run()
        let expected = try OTPAuthURI.parse(uri).totp().code(at: clock.now())
        let phoneText = column(terminal, 80..<130)
        #expect(phoneText.contains(String(expected.prefix(3)) + " " + String(expected.suffix(3))))
        // Back on the portal, type the code the phone shows.
        terminal.pendingInput = [.keyCode(KeyDecoder.keyF0 + 6)]
        _ = app.run()
        try portal.fill(label: "Code", with: expected)
        try portal.press(label: "Continue")
        #expect(portal.screen.id == "recovery.show")
    }
}

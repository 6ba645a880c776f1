import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

/// A portal session on a test store with a manual clock: the real runtime, driven by
/// label like a walkthrough.
final class Harness {
    let store: any DocumentStore
    let clock: ManualClock
    let keyring: InMemoryKeyring
    let session: PortalSession

    /// 2026-05-01T09:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_777_626_000)

    init(
        policy: Policy = .testing(), keyring: InMemoryKeyring = InMemoryKeyring(),
        store: (any DocumentStore)? = nil,
        clock: ManualClock? = nil, device: String = "test-laptop"
    ) throws {
        self.store = store ?? InMemoryStore(policy: policy)
        self.clock = clock ?? ManualClock(Self.start)
        self.keyring = keyring
        session = try PortalSession(
            store: self.store,
            environment: PortalEnvironment(
                clock: self.clock, deviceName: device, keyring: keyring, brand: .bundled, strings: .bundled))
    }

    var screen: Screen { session.screen }
    var state: FlowState { session.state }

    func fill(_ label: String, _ text: String) throws { try session.fill(label: label, with: text) }
    func press(_ label: String) throws { try session.press(label: label) }
    func toggle(_ label: String) throws { try session.toggle(label: label) }

    /// All the text on screen, one element per line (for `contains` checks).
    var text: String {
        var lines = [screen.title]
        for element in screen.elements {
            switch element {
            case .heading(let text), .paragraph(let text), .code(let text): lines.append(text)
            case .message(let message): lines.append(message.text)
            case .banner(let banner): lines.append(banner.text)
            case .field(let field): lines.append("\(field.label): \(field.masked ? "***" : field.value)")
            case .list(let list): lines.append(contentsOf: list.items.map(\.label))
            case .checkbox(let box): lines.append("[\(box.checked ? "x" : " ")] \(box.label)")
            case .button(let button), .link(let button): lines.append("<\(button.label)>")
            case .qr(let qr): lines.append("QR \(qr.payload)")
            }
        }
        return lines.joined(separator: "\n")
    }

    var messages: [String] { state.messages.map(\.text) }

    var qrPayload: String? {
        for case .qr(let block) in screen.elements { return block.payload }
        return nil
    }

    var codeBlock: String? {
        for case .code(let text) in screen.elements { return text }
        return nil
    }

    func account(_ email: String) throws -> Account {
        try #require(try store.read(Account.self, key: email))
    }

    /// The current code of an otpauth URI at the clock's time (+ offset seconds).
    func totpCode(_ uri: String, offset: TimeInterval = 0) throws -> String {
        try OTPAuthURI.parse(uri).totp().code(at: clock.now().addingTimeInterval(offset))
    }

    /// A six-digit code that no step within ten of now accepts (not even as a skewed code).
    func wrongTOTPCode(_ uri: String) throws -> String {
        let totp = try OTPAuthURI.parse(uri).totp()
        let near = Set(
            (-10...10).map { totp.code(at: clock.now().addingTimeInterval(Double($0 * totp.period))) })
        return (0..<100).lazy.map { String(format: "%06d", $0 * 10_101) }.first { !near.contains($0) }
            ?? "000000"
    }

    /// The code in the newest SMS to `number`.
    func latestSMSCode(to number: String) throws -> String? {
        let messages = try store.list(SMSMessage.self).filter { $0.to == number }.sorted { $0.id > $1.id }
        guard let body = messages.first?.body else { return nil }
        let runs = body.split(whereSeparator: { (character: Character) in !character.isNumber })
        return runs.first { $0.count >= 6 && $0.count <= 8 }.map(String.init)
    }

    /// Signs up on a fresh session (login page) and stops at "Keep Your Account Safe".
    func signUp(
        _ email: String = "alice@example.com", name: String = "Alice Example", company: String = "Acme",
        password: String = "correct horse battery"
    ) throws {
        try press("Sign up")
        try fill("Email", email)
        try fill("Full name", name)
        if case .field(let field)? = screen.elements.first(where: { $0.focusID == "company" }), field.editable
        {
            try fill("Company", company)
        }
        try fill("Password", password)
        try fill("Confirm password", password)
        try press("Sign up")
    }

    /// From "Keep Your Account Safe": enroll the authenticator app; returns the otpauth URI.
    @discardableResult
    func enrollTOTP() throws -> String {
        try press("Authenticator app")
        let uri = try #require(qrPayload)
        try fill("Code", try totpCode(uri))
        try press("Continue")
        return uri
    }

    /// Types the wrong sent code `wrong` until the code is void: each of the first four
    /// tries must say how many are left, the fifth voids it (the testing policy's 5).
    func exhaustSentCode(with wrong: String) throws {
        for remaining in (1...4).reversed() {
            try fill("Code", wrong)
            try press("Continue")
            #expect(messages == ["That code is not right. \(remaining) tries left for this code."])
        }
        try fill("Code", wrong)
        try press("Continue")
    }

    /// From the recovery code screen: tick, continue; returns the code shown.
    @discardableResult
    func acceptRecoveryCode() throws -> String {
        let code = try #require(codeBlock)
        try toggle("I have safely recorded this code")
        try press("Continue")
        return code
    }

    /// The code in the newest mail to `email` that has one (the mailbox proof).
    func latestMailCode(to email: String) throws -> String? {
        try store.list(MailMessage.self).filter { $0.to == email }.sorted { $0.id > $1.id }
            .lazy.compactMap { Phone.code(in: $0.body) }.first
    }

    /// On "Confirm your email": types the mailed code and continues.
    func proveMailbox(_ email: String = "alice@example.com") throws {
        #expect(screen.id == "verify.mail")
        let code = try #require(try latestMailCode(to: email))
        try fill("Code", code)
        try press("Continue")
    }

    /// On "Confirm it's you": the preferred factor's code, as its owner would type it
    /// (the authenticator's code of the next step, since the last one is spent; or the
    /// code just sent by SMS).
    func confirmItsYou() throws {
        #expect(screen.id == "profile.verify")
        let email = try #require(state.account?.email)
        let account = try account(email)
        let factor = try #require(
            account.activeFactors.first { $0.id == account.preferredFactorID } ?? account.activeFactors.first)
        if factor.kind == .sms {
            let number = try #require(factor.phoneNumber)
            let code = try #require(try latestSMSCode(to: number))
            try fill("Code", code)
        } else {
            clock.advance(by: 30)
            let secret = try #require(factor.totpSecret)
            let totp = try TOTP(secret: try Base32.decode(secret))
            try fill("Code", totp.code(at: clock.now()))
        }
        try press("Continue")
    }

    /// In the SMS form: focuses the country picker, types `search` into it and takes the
    /// entry it highlights ("gb", "+44" and "united kingdom" all find the United Kingdom).
    func chooseCountry(_ search: String) {
        session.dispatch(.focus("country"))
        for character in search { session.send(.character(character)) }
        session.send(.enter)
    }

    /// From home: My Profile, Two-Factor Authentication, and the password it asks first.
    func openTwoFactorPage(password: String = "correct horse battery") throws {
        try press("My Profile")
        try press("Two-Factor Authentication")
        try fill("Password", password)
        try press("Confirm")
    }

    func logIn(_ email: String = "alice@example.com", password: String = "correct horse battery") throws {
        try fill("Email", email)
        try fill("Password", password)
        try press("Log in")
    }

    /// The runtime alone on this store and clock, as a second client that skips the
    /// screens (a script, an attacker), with its own keyring on device `device`; it has
    /// sent `email`'s password and nothing else yet.
    func runtimeAfterPassword(
        device: String, email: String = "alice@example.com", password: String = "correct horse battery"
    ) throws -> EffectRunner {
        let runner = EffectRunner(
            store: store,
            environment: PortalEnvironment(
                clock: clock, deviceName: device, keyring: InMemoryKeyring(), brand: .bundled, strings: .bundled),
            policy: try store.policy())
        _ = runner.perform(.logIn(email: email, password: password))
        return runner
    }

    /// Logs in with the authenticator code of `uri` and "Remember this device".
    func logInRemembered(_ uri: String) throws {
        try logIn()
        try toggle("Remember this device for 30 days")
        try fill("Code", try totpCode(uri))
        try press("Continue")
        #expect(screen.id == "home")
    }

    /// Alice enrolled with an authenticator app on `device`, and remembered there and on
    /// a second device, "tablet" (logged out again), half a minute apart so that each
    /// log-in takes a fresh code. `portal` is left logged in on its home page.
    static func rememberedOnTwoDevices(device: String) throws -> (portal: Harness, tablet: Harness) {
        let portal = try Harness(device: device)
        let (uri, _) = try ChallengeSessionTests.enrolledWithTOTP(portal)
        let tablet = try Harness(store: portal.store, clock: portal.clock, device: "tablet")
        try tablet.logInRemembered(uri)
        try tablet.press("Log out")
        portal.clock.advance(by: 30)
        try portal.logInRemembered(uri)
        return (portal, tablet)
    }

    /// Passes `email`'s log-in challenge on `runner` with the authenticator code of `uri`
    /// now; returns the factor's id. Fails the test when the challenge does not pass.
    @discardableResult
    func passTOTPChallenge(_ runner: EffectRunner, uri: String, email: String = "alice@example.com") throws
        -> String
    {
        let factor = try #require(try account(email).preferredFactorID)
        var passed = false
        if case .challengePassed? = runner.perform(
            .verifyChallengeCode(factorID: factor, code: try totpCode(uri), remember: false))
        {
            passed = true
        }
        try #require(passed, "the challenge did not pass")
        return factor
    }
}

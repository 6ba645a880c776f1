import Foundation
import KeepsafeStore
import OneTimePassword
import Testing

@testable import KeepsafeFlow

@Suite("simulated phone")
struct PhoneTests {
    let store = InMemoryStore(policy: .testing())
    let clock = ManualClock(Date(timeIntervalSince1970: 1_777_626_000))
    let secret: [UInt8] = Array("12345678901234567890".utf8)

    func totpURI(account: String = "alice@example.com") -> String {
        OTPAuthURI(kind: .totp, issuer: "Acme", account: account, secret: secret).uriString
    }

    @Test("authenticator codes follow the clock and the skew")
    func authenticator() throws {
        let phone = Phone(store: store, clock: clock)
        let account = try phone.add(uri: totpURI())
        #expect(account.label == "Acme:alice@example.com")
        let totp = try TOTP(secret: secret)
        #expect(try phone.code(for: "alice@example.com") == totp.code(at: clock.now()))
        #expect(try phone.code(for: "ACME:Alice@Example.com") == totp.code(at: clock.now()))
        clock.advance(by: 30)
        #expect(try phone.code(for: "alice@example.com") == totp.code(at: clock.now()))
        let fast = Phone(store: store, clock: clock, skew: 30, name: "another")
        #expect(throws: PhoneError.noSuchAccount("alice@example.com")) {
            try fast.code(for: "alice@example.com")
        }
        let fastSame = Phone(store: store, clock: clock, skew: 30, name: "phone")
        #expect(try fastSame.code(for: "alice@example.com") == totp.code(at: clock.now() + 30))
    }

    @Test("HOTP accounts give the RFC 4226 codes in counter order")
    func hotp() throws {
        let phone = Phone(store: store, clock: clock)
        let uri = OTPAuthURI(
            kind: .hotp, issuer: "Acme", account: "h@example.com", secret: secret, counter: 0)
        try phone.add(uri: uri.uriString)
        // RFC 4226 appendix D, counters 0, 1, 2.
        #expect(try phone.code(for: "h@example.com") == "755224")
        #expect(try phone.code(for: "h@example.com") == "287082")
        #expect(try phone.code(for: "Acme:h@example.com") == "359152")
    }

    @Test("phones sharing a store keep their accounts apart")
    func separatePhones() throws {
        let one = Phone(store: store, clock: clock, name: "one")
        let two = Phone(store: store, clock: clock, name: "two")
        try one.add(uri: totpURI())
        #expect(try one.accounts().count == 1)
        #expect(try two.accounts().isEmpty)
    }

    @Test("garbage URIs are refused with a reason")
    func badURI() {
        let phone = Phone(store: store, clock: clock)
        #expect(throws: PhoneError.self) { try phone.add(uri: "https://example.com/not-otp") }
    }

    func waitingEnrollment(transaction: String = "tx1", factor: String = "f-push") throws -> String {
        var request = PushRequest(
            id: transaction, kind: .enrollment, account: "alice@example.com", factorID: factor,
            createdAt: clock.now(), expiresAt: clock.now() + 300, device: "laptop", place: "Lyon")
        request.enrollmentTransactionID = transaction
        try store.create(request)
        return PushEnrollmentURI(
            enrollmentTransactionID: transaction, deviceAccountID: "dev-1", baseURL: "https://portal.example",
            issuer: "Acme", account: "alice@example.com", secret: secret
        ).uriString
    }

    @Test("scanning a push enrollment answers the portal's request")
    func pushEnrollment() throws {
        let phone = Phone(store: store, clock: clock, name: "pixel")
        let uri = try waitingEnrollment()
        let account = try phone.add(uri: uri)
        #expect(account.kind == .push)
        #expect(account.factorID == "f-push")
        let request = try #require(try store.read(PushRequest.self, key: "tx1"))
        #expect(request.status == .approved)
        #expect(request.pushDeviceName == "pixel")
        #expect(request.pushDeviceID?.isEmpty == false)
        #expect(request.respondedAt == clock.now())
        // The fallback code is the URI's TOTP.
        #expect(try phone.code(for: "alice@example.com") == TOTP(secret: secret).code(at: clock.now()))
        // A second scan of the same QR finds nothing waiting.
        #expect(throws: PhoneError.enrollmentExpired("tx1")) { try phone.add(uri: uri) }
    }

    @Test("an expired or unknown enrollment is refused")
    func expiredEnrollment() throws {
        let phone = Phone(store: store, clock: clock)
        let uri = try waitingEnrollment()
        clock.advance(by: 301)
        #expect(throws: PhoneError.enrollmentExpired("tx1")) { try phone.add(uri: uri) }
        let unknown = PushEnrollmentURI(
            enrollmentTransactionID: "nope", deviceAccountID: "d", baseURL: "https://p.example",
            issuer: "Acme",
            account: "a@example.com", secret: secret)
        #expect(throws: PhoneError.enrollmentNotFound("nope")) { try phone.add(uri: unknown.uriString) }
    }

    func loginRequest(_ id: String, factor: String = "f-push", number: Int? = nil, age: TimeInterval = 0)
        throws
    {
        var request = PushRequest(
            id: id, kind: .login, account: "alice@example.com", factorID: factor,
            createdAt: clock.now() - age,
            expiresAt: clock.now() - age + 300, device: "laptop", place: "Lyon")
        request.numberToMatch = number
        try store.create(request)
    }

    @Test("log-in requests: only this phone's factors, open ones, newest first; approve and deny")
    func loginRequests() throws {
        let phone = Phone(store: store, clock: clock)
        try phone.add(uri: try waitingEnrollment())
        try loginRequest("old", age: 10)
        try loginRequest("new")
        try loginRequest("stale", age: 400)
        try loginRequest("other", factor: "someone-else")
        #expect(try phone.pendingPushRequests().map(\.id) == ["new", "old"])
        try phone.approve()
        #expect(try store.read(PushRequest.self, key: "new")?.status == .approved)
        try phone.deny("old")
        #expect(try store.read(PushRequest.self, key: "old")?.status == .denied)
        #expect(try phone.pendingPushRequests().isEmpty)
        #expect(throws: PhoneError.noPendingRequest) { try phone.approve() }
        #expect(throws: PhoneError.requestNotFound("old")) { try phone.approve("old") }
    }

    @Test("number matching: the right number approves, a wrong one denies")
    func numberMatching() throws {
        let phone = Phone(store: store, clock: clock)
        try phone.add(uri: try waitingEnrollment())
        try loginRequest("a", number: 42)
        #expect(throws: PhoneError.numberMismatch(expected: 42, given: 17)) { try phone.approve(number: 17) }
        #expect(try store.read(PushRequest.self, key: "a")?.status == .denied)
        try loginRequest("b", number: 7)
        try phone.approve(number: 7)
        #expect(try store.read(PushRequest.self, key: "b")?.status == .approved)
    }

    @Test("SMS: delivered, not lost, newest first; the code is read from the body")
    func sms() throws {
        let phone = Phone(store: store, clock: clock)
        let now = clock.now()
        func body(_ code: String) -> String { "Your verification code is \(code). It expires in 15 minutes." }
        try store.create(
            SMSMessage(id: "1", to: "+33612345678", body: body("111111"), sentAt: now, deliverAt: now))
        try store.create(
            SMSMessage(id: "2", to: "+33612345678", body: body("222222"), sentAt: now + 1, deliverAt: now + 1)
        )
        try store.create(
            SMSMessage(
                id: "3", to: "+33612345678", body: body("333333"), sentAt: now + 2, deliverAt: now + 2,
                lost: true))
        try store.create(
            SMSMessage(
                id: "4", to: "+33612345678", body: body("444444"), sentAt: now + 3, deliverAt: now + 60))
        try store.create(
            SMSMessage(id: "5", to: "+4915112345678", body: body("555555"), sentAt: now, deliverAt: now))
        clock.advance(by: 5)
        #expect(try phone.messages(to: "+33612345678").map(\.id) == ["2", "1"])
        #expect(try phone.latestCode(to: "+33612345678") == "222222")
        clock.advance(by: 60)
        #expect(try phone.latestCode(to: "+33612345678") == "444444")
        #expect(try phone.latestCode(to: "+10000000000") == nil)
    }

    @Test(
        "codes are 6 to 8 digits standing alone",
        arguments: [
            ("code is 123456.", "123456"), ("12345678 is it", "12345678"), ("call 123456789 now", nil),
            ("12345 only", nil), ("a1234567b 654321", "654321"),
        ] as [(String, String?)])
    func codeInBody(body: String, code: String?) {
        #expect(Phone.code(in: body) == code)
    }

    @Test("mail for an address, any case, newest first")
    func mail() throws {
        let phone = Phone(store: store, clock: clock)
        let now = clock.now()
        try store.create(
            MailMessage(id: "m1", to: "bob@example.com", subject: "Invite", body: "Join", sentAt: now))
        try store.create(
            MailMessage(id: "m2", to: "bob@example.com", subject: "Enrolled", body: "MFA", sentAt: now + 1))
        try store.create(
            MailMessage(id: "m3", to: "eve@example.com", subject: "Other", body: "x", sentAt: now))
        #expect(try phone.mail(to: "Bob@Example.com").map(\.id) == ["m2", "m1"])
    }
}

import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// `reduce` for "Keep Your Account Safe", the three enrollments and the recovery code
/// screen: exact new states and effects.
@Suite struct EnrollmentReduceTests {
    typealias F = ReduceFixture

    static let ticket = EnrollmentTicket(
        factorID: "f1", kind: .totp,
        uri: "otpauth://totp/Northwind:alice%40example.com?secret=ABC&issuer=Northwind",
        manualKey: "ABCD EFGH", accountName: "alice@example.com", algorithm: "SHA1", digits: 6, period: 30)

    /// The initial enrollment ("Keep Your Account Safe") on the method list, or on `method`'s screen.
    static func enrolling(_ method: (any ScreenFeature)? = nil) -> PortalState {
        guard let method else { return .enrollment(F.alice, EnrollmentState(purpose: .initial)) }
        return .enrollment(F.alice, EnrollmentState(purpose: .initial, method: method))
    }

    static let smsNumber = enrolling(SMSEnrollment.number(picked: nil))

    @Test func choosingTheAuthenticatorAppAsksForASecret() {
        let start = F.state(Self.enrolling())
        let (after, effects) = F.keys(start, [.down, .enter])
        var expected = start
        expected.form.selections["methods"] = 1
        #expect(after == expected)
        #expect(effects == [.beginEnrollment(.totp)])
    }

    @Test func choosingPushShowsTheInstallStepAndSMSTheNumberPage() {
        let start = F.state(Self.enrolling())
        var expected = F.moved(start, to: Self.enrolling(PushEnrollment.install))
        #expect(F.keys(start, [.enter]) == (expected, []))
        expected = F.moved(start, to: Self.smsNumber)
        #expect(F.keys(start, [.down, .down, .enter]).0 == expected)
        #expect(
            F.reduce(F.state(Self.enrolling(PushEnrollment.install)), .key(.enter)).1 == [
                .beginEnrollment(.push)
            ])
    }

    @Test func typeAheadFiltersTheMethodList() {
        let start = F.state(Self.enrolling())
        let (filtered, _) = F.keys(start, F.type("sm"))
        var expected = start
        expected.form.filters["methods"] = "sm"
        expected.form.selections["methods"] = 0
        #expect(filtered == expected)
        guard
            case .list(let list)? = Screens.make(filtered, F.context).elements.first(where: {
                $0.focusID == "methods"
            })
        else {
            Issue.record("no list")
            return
        }
        #expect(list.items.map(\.id) == ["sms"])
        #expect(F.reduce(filtered, .key(.enter)).0.page == .enrollSMSNumber)
    }

    @Test func enrollmentIsMandatoryEscDoesNothing() {
        let start = F.state(Self.enrolling())
        #expect(F.reduce(start, .key(.escape)) == (start, []))
    }

    @Test func theStartedTOTPEnrollmentShowsItsQRCode() {
        let (after, _) = F.reduce(F.state(Self.enrolling()), .result(.enrollmentStarted(Self.ticket)))
        let expected = F.state(Self.enrolling(AuthenticatorEnrollment(ticket: Self.ticket)))
        #expect(after == expected)
        let screen = Screens.make(after, F.context)
        #expect(
            screen.elements.contains(
                .qr(
                    QRBlock(
                        payload: Self.ticket.uri, manualKey: nil, caption: F.strings["totp.qrCaption"]
                    ))))
        #expect(screen.focus == "code")
    }

    @Test func cantScanTogglesTheKey() {
        let start = F.state(Self.enrolling(AuthenticatorEnrollment(ticket: Self.ticket)), focus: "cantscan")
        let (after, effects) = F.reduce(start, .key(.enter))
        var expected = start
        expected.portal = Self.enrolling(AuthenticatorEnrollment(ticket: Self.ticket, showsKey: true))
        #expect(after == expected)
        #expect(effects.isEmpty)
        #expect(Screens.make(after, F.context).elements.contains(.code("ABCD EFGH")))
    }

    @Test func theCodeMustHaveSixDigits() {
        var start = F.state(
            Self.enrolling(AuthenticatorEnrollment(ticket: Self.ticket)), focus: "code",
            values: ["code": "12345"])
        // The focus stays on the code.
        #expect(
            F.reduce(start, .key(.enter))
                == F.refused(start, focus: "code", message: F.strings.format("code.format", ["digits": "6"])))
        start.form.set("code", "123 456")
        #expect(F.reduce(start, .key(.enter)).1 == [.confirmTOTPEnrollment(factorID: "f1", code: "123456")])
    }

    @Test func aWrongCodeClearsTheFieldAndSaysSo() {
        let start = F.state(
            Self.enrolling(AuthenticatorEnrollment(ticket: Self.ticket)), focus: "continue",
            values: ["code": "123456"])
        let (after, _) = F.reduce(start, .result(.codeRefused(.wrong(remaining: nil))))
        var expected = start
        expected.form.set("code", "")
        expected.form.focus = "code"
        expected.messages = [Message(.error, F.strings["code.wrong"])]
        #expect(after == expected)
    }

    @Test func completionShowsTheRecoveryCodeOnce() {
        let start = F.state(Self.enrolling(AuthenticatorEnrollment(ticket: Self.ticket)))
        let (after, effects) = F.reduce(
            start, .result(.enrollmentCompleted(F.alice, recoveryCode: "AAAA-BBBB", skewSeconds: 0)))
        // Home then confirms the first enrollment by the method's name (the seed's wording).
        let expected = F.state(
            .recoveryCode(
                F.alice,
                RecoveryCodeState(
                    code: "AAAA-BBBB", next: .home, notice: "Authenticator app is now set as your MFA method.")))
        #expect(after == expected)
        #expect(effects.isEmpty)
    }

    @Test func theRecoveryScreenIsGatedByTheCheckbox() {
        let start = F.state(
            .recoveryCode(F.alice, RecoveryCodeState(code: "AAAA-BBBB", next: .home)), focus: "continue")
        let screen = Screens.make(start, F.context)
        #expect(screen.elements.contains(.button(Button(id: "continue", label: "Continue", enabled: false))))
        #expect(screen.elements.contains(.code("AAAA-BBBB")))

        let (refused, none) = F.reduce(start, .key(.enter))
        var expected = start
        expected.messages = [Message(.warning, F.strings["recovery.mustConfirm"])]
        #expect(refused == expected)
        #expect(none.isEmpty)

        let (ticked, _) = F.keys(start, [.backTab, .space])
        #expect(ticked.form.checks["recorded"] == true)
        #expect(ticked.form.focus == "recorded")
        let (home, _) = F.keys(ticked, [.tab, .enter])
        let atHome = F.state(.home(F.alice, HomeState(notice: nil)))
        #expect(home == atHome)
    }

    @Test func copyAndSaveAreEffects() {
        var start = F.state(
            .recoveryCode(F.alice, RecoveryCodeState(code: "AAAA-BBBB", next: .home)), focus: "copy")
        let (copied, effects) = F.reduce(start, .key(.enter))
        #expect(effects == [.copyToClipboard("AAAA-BBBB")])
        #expect(copied.messages == [Message(.success, F.strings["recovery.copied"])])
        start.form.focus = "save"
        let (saving, save) = F.reduce(start, .key(.enter))
        #expect(save == [.saveToFile(path: Screens.defaultRecoveryFile, text: "AAAA-BBBB\n", replacing: false)])
        // A file is there: a warning naming it, and the button now replaces it.
        let path = "/home/alice/keepsafe-recovery-code.txt"
        let (warned, _) = F.reduce(saving, .result(.saveWouldReplace(path: path)))
        #expect(
            warned.messages == [Message(.warning, F.strings.format("recovery.exists", ["path": path]))])
        let screen = Screens.make(warned, F.context)
        #expect(
            screen.elements.contains {
                if case .button(let button) = $0 { button.id == "save" && button.label == "Replace the file" } else { false }
            })
        #expect(
            F.reduce(warned, .key(.enter)).1 == [
                .saveToFile(path: Screens.defaultRecoveryFile, text: "AAAA-BBBB\n", replacing: true)
            ])
        // Another name is not confirmed by the earlier answer.
        var renamed = warned
        renamed.form.set("path", "/tmp/other.txt")
        #expect(
            F.reduce(renamed, .key(.enter)).1 == [.saveToFile(path: "/tmp/other.txt", text: "AAAA-BBBB\n", replacing: false)])
    }

    @Test func theSMSNumberIsCheckedAgainstTheCountry() {
        var start = F.state(Self.smsNumber, focus: "continue", values: ["number": "7700 900123"])
        // Nothing activated: the highlighted country (the first, Afghanistan) counts.
        let (first, none) = F.reduce(start, .key(.enter))
        #expect(none.isEmpty)
        #expect(
            first.messages == [
                Message(
                    .error,
                    F.strings.format(
                        "sms.numberLength", ["country": "Afghanistan", "lengths": "9", "got": "10"]))
            ])

        start.portal = Self.enrolling(SMSEnrollment.number(picked: "GB"))
        start.form.set("number", "77009001")
        let (short, noEffect) = F.reduce(start, .key(.enter))
        #expect(noEffect.isEmpty)
        #expect(
            short.messages == [
                Message(
                    .error,
                    F.strings.format(
                        "sms.numberLength", ["country": "United Kingdom", "lengths": "10", "got": "8"]))
            ])
        start.form.set("number", "07700 900123")
        #expect(
            F.reduce(start, .key(.enter)).1 == [
                .sendEnrollmentSMS(number: "+447700900123", purpose: .initial)
            ])
    }

    @Test func aSentCodeMovesToTheCodePageWithAResendCooldown() {
        let progress = SMSProgress(
            factorID: "f2", number: "+447700900123", sentAt: F.now, resendAt: F.now.addingTimeInterval(30))
        let (after, _) = F.reduce(F.state(Self.smsNumber), .result(.smsSent(progress)))
        var expected = F.state(Self.enrolling(SMSEnrollment.code(progress)))
        expected.messages = [Message(.info, F.strings.format("sms.sent", ["number": "+4•••••••••23"]))]
        #expect(after == expected)
        let screen = Screens.make(after, F.context)
        #expect(screen.elements.contains(.button(Button(id: "resend", label: "Resend", enabled: false))))
        #expect(screen.wantsPolling)
        let later = Screens.make(after, FlowContext(now: F.now.addingTimeInterval(30), policy: .testing()))
        #expect(later.elements.contains(.button(Button(id: "resend", label: "Resend", enabled: true))))
        var resend = after
        resend.form.focus = "resend"
        #expect(
            F.reduce(resend, .key(.enter), at: F.now.addingTimeInterval(30)).1 == [
                .sendEnrollmentSMS(number: "+447700900123", purpose: .initial)
            ])
    }

    @Test func pushEnrollmentPollsUntilItExpires() {
        let start: FlowState
        var ticket = Self.ticket
        ticket.kind = .push
        ticket.transactionID = "tx1"
        ticket.expiresAt = F.now.addingTimeInterval(300)
        start = F.state(Self.enrolling(PushEnrollment.scan(ticket, showsCode: false)))
        #expect(
            F.reduce(start, .tick) == (start, [.checkPushEnrollment(factorID: "f1", transactionID: "tx1")]))
        let (expired, effects) = F.reduce(start, .tick, at: F.now.addingTimeInterval(300))
        var expected = start
        expected.messages = [Message(.warning, F.strings["push.enrollExpired"])]
        #expect(expired == expected)
        #expect(effects.isEmpty)
    }
}

extension EnrollmentReduceTests {
    @Test func theCountryPickerFiltersWithSpacesAndPicksWithEnter() {
        let start = F.state(Self.smsNumber, focus: "country")
        let keys: [Key] = [.space] + F.type("united") + [.space] + F.type("k")
        let (filtered, effects) = F.keys(start, keys)
        #expect(effects.isEmpty)
        var expected = start
        expected.form.filters["country"] = "united k"
        expected.form.selections["country"] = 0
        #expect(filtered == expected)
        let (picked, _) = F.reduce(filtered, .key(.enter))
        expected.portal = Self.enrolling(SMSEnrollment.number(picked: "GB"))
        expected.form.focus = "number"
        #expect(picked == expected)
        #expect(
            Screens.make(picked, F.context).elements.contains(.paragraph("Selected: United Kingdom (+44)")))
        let (cleared, _) = F.keys(filtered, [.backspace, .backspace])
        #expect(cleared.form.filters["country"] == "united")
    }
}

import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// The Two-Factor page's recovery readiness: the methods set up, the recovery code, and
/// the warning while a single method is all there is.
@Suite struct ReadinessReduceTests {
    typealias F = ReduceFixture

    /// The readiness section's texts: from its heading to the first button after it.
    func readiness(_ account: AccountSummary) -> [String] {
        let elements = Screens.make(F.state(.profile(account, .twoFactor)), F.context).elements
        guard let start = elements.firstIndex(of: .heading("Recovery readiness")) else { return [] }
        return elements[start...].prefix { if case .button = $0 { return false } else { return true } }
            .compactMap { element -> String? in
                switch element {
                case .heading(let text), .paragraph(let text): return text
                case .message(let message): return "\(message.kind): \(message.text)"
                default: return nil
                }
            }
    }

    @Test func twoMethodsAndACodeAreReady() {
        #expect(
            readiness(F.alice) == [
                "Recovery readiness", "Methods set up (2): Authenticator app, SMS +4••••••••23.",
                "Recovery code: set. It gets you in if you lose your phone.",
            ])
    }

    @Test func aSingleMethodIsWarnedAbout() {
        var account = F.alice
        account.factors = [.init(id: "f-totp", kind: .totp)]
        #expect(
            readiness(account) == [
                "Recovery readiness", "Methods set up (1): Authenticator app.",
                "Recovery code: set. It gets you in if you lose your phone.",
                "warning: \(F.strings["twofactor.singleMethod"])",
            ])
    }

    @Test func noRecoveryCodeIsSaid() {
        var account = F.alice
        account.hasRecoveryCode = false
        #expect(readiness(account).contains(F.strings["twofactor.recoveryMissing"]))
        account.factors = []
        #expect(
            readiness(account) == [
                "Recovery readiness", "Methods set up (0): none.", F.strings["twofactor.recoveryMissing"],
            ])
    }

    @Test func aPushDeviceNameGoesThroughTheSanitizer() {
        var account = F.alice
        account.factors = [.init(id: "f-push", kind: .push, detail: "Pixel\u{1B}]0;x\u{7}")]
        let methods = readiness(account).first { $0.hasPrefix("Methods set up") } ?? ""
        #expect(!methods.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(methods)")
    }
}

import KeepsafeFlow
import OneTimePassword
import Testing

@testable import TerminalUI

/// Issue 13: the push enrollment QR (compact URI) fits 80x24 with its quiet zone, between
/// the title bar and the key help, for typical account names.
@Suite("Push enrollment QR at 80x24")
struct PushQRFitTests {
    @Test(
        "the compact URI's QR is drawn at 80x24; the full one would not be",
        arguments: ["alice@example.com", "bob.smith@example.com", "u2499427501@example.com"])
    func fits(account: String) throws {
        let push = PushEnrollmentURI(
            enrollmentTransactionID: Secrets.identifier(), deviceAccountID: Secrets.identifier(),
            baseURL: "https://portal.northwind.example/", issuer: "Northwind", account: account,
            secret: Secrets.totpSecret(byteCount: 20))
        func frame(_ payload: String) -> Frame {
            let screen = Screen(
                id: "enroll.push.qr", title: "Keep Your Account Safe",
                elements: [
                    .paragraph("Step 2 of 2: in the Northwind Guard app, scan this QR code."),
                    .qr(QRBlock(payload: payload, manualKey: push.manualCode)),
                    .link(Button(id: "another", label: "Try another method")),
                ], focus: "another", status: "Tab/↑↓ move · Enter select · F1 or ? help · Ctrl-C quit")
            return Layout.frame(screen, width: 80, height: 24, options: ViewOptions(portalName: "Northwind"))
        }
        let compact = frame(push.uriString)
        #expect(compact.showsQR, "\(push.uriString.count) characters")
        #expect(compact.grid.lines[23] == " Tab/↑↓ move · Enter select · F1 or ? help · Ctrl-C quit")
        #expect(!(0..<80).contains { if case .qr = compact.grid[$0, 23].role { true } else { false } })
        #expect(try PushEnrollmentURI.parse(push.uriString).enrollmentTransactionID == push.enrollmentTransactionID)
        #expect(!frame(push.fullURIString).showsQR)
    }
}

import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// `reduce` for the remembered devices on the two-factor page: "last used" and
/// "Forget all devices".
@Suite struct DevicesReduceTests {
    typealias F = ReduceFixture

    static var withDevices: AccountSummary {
        var account = F.alice
        account.trustedDevices = [
            .init(
                id: "d1", name: "laptop", expiresAt: F.now.addingTimeInterval(30 * 86400), isThisDevice: true,
                lastUsedAt: F.now),
            .init(
                id: "d2", name: "tablet\u{1B}[2J", expiresAt: F.now.addingTimeInterval(86400), isThisDevice: false,
                lastUsedAt: F.now.addingTimeInterval(-3600)),
        ]
        return account
    }

    @Test func theListSaysWhenEachDeviceWasLastUsed() throws {
        let screen = Screens.make(F.state(.profile(Self.withDevices, .twoFactor)), F.context)
        let list = try #require(
            screen.elements.lazy.compactMap { element -> ListBox? in
                if case .list(let list) = element, list.id == "devices" { return list }
                return nil
            }.first)
        #expect(list.items.map(\.detail) == [
            "this device · until 2026-05-31 · last used 2026-05-01 09:00:00Z",
            "until 2026-05-02 · last used 2026-05-01 08:00:00Z",
        ])
        #expect(list.items.map(\.label) == ["laptop", "tablet\u{FFFD}[2J"], "names go through the Sanitizer")
        #expect(screen.elements.contains(.button(Button(id: "forgetDevices", label: "Forget all devices"))))
    }

    @Test func forgetAllDevicesIsOneEffect() {
        let start = F.state(.profile(Self.withDevices, .twoFactor), focus: "forgetDevices")
        let (after, effects) = F.reduce(start, .key(.enter))
        var expected = start
        expected.form.focus = "methods"
        #expect(after == expected, "the focus goes up to where the notice shows")
        #expect(effects == [.forgetAllDevices])
        var forgotten = Self.withDevices
        forgotten.trustedDevices = []
        let (changed, _) = F.reduce(after, .result(.accountChanged(forgotten, notice: "profile.devicesForgotten")))
        #expect(changed.messages == [Message(.success, F.strings["profile.devicesForgotten"])])
        #expect(!Screens.make(changed, F.context).elements.contains { $0.focusID == "forgetDevices" })
    }
}

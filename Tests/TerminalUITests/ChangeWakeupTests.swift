import Foundation
import KeepsafeFlow
import Testing

@testable import TerminalUI

/// The wake-up on store notifications: a screen waiting for the phone is polled as soon
/// as the store reports a change, without waiting for its poll interval.
@Suite("Change wake-up")
struct ChangeWakeupTests {
    /// A terminal with no input that waits on the wake-up descriptor as curses does
    /// (poll), and remembers what it was given and what woke it.
    final class WaitingTerminal: TerminalDevice {
        var size = TerminalSize(width: 80, height: 24)
        private(set) var descriptors: [Int32?] = []
        private(set) var wokenByDescriptor = 0
        private(set) var timedOut = 0

        func draw(_ frame: Frame) {}
        func writeControl(_ sequence: String) {}
        func bell() {}

        func readInput(timeout: Int?) -> RawInput? {
            readInput(timeout: timeout, wakeup: nil)
        }

        func readInput(timeout: Int?, wakeup: Int32?) -> RawInput? {
            descriptors.append(wakeup)
            // Never for ever in a test: Ctrl-C ends a loop that would wait without end.
            guard let timeout, descriptors.count < 20 else { return .character(3) }
            var request = pollfd(fd: wakeup ?? -1, events: Int16(POLLIN), revents: 0)
            if poll(&request, 1, Int32(timeout)) > 0 {
                wokenByDescriptor += 1
            } else {
                timedOut += 1
            }
            return nil
        }
    }

    @Test("a notification wakes a polling screen before its poll interval")
    func wakesPollingScreen() throws {
        var waiting = Screens.totp(focus: "another")
        waiting.wantsPolling = true
        let driver = FakeDriver(waiting)
        // The first poll is before the loop; the second is the one the wake-up causes.
        driver.onPoll = { driver in
            if driver.polls == 2 { driver.isFinished = true }
        }
        let notified = DispatchSemaphore(value: 0)
        let wakeup = try #require(
            ChangeWakeup { timeout in
                // One notification, once the first frame is drawn; then none.
                notified.wait(timeout: .now() + timeout) == .success
            })
        wakeup.start()
        defer { wakeup.stop() }
        let terminal = WaitingTerminal()
        let app = TerminalApp(driver: driver, device: terminal, options: ViewOptions(portalName: "Portal"))
        // 20 s: far beyond the wake-up; without it the wait times out and the test fails.
        app.pollInterval = 20_000
        app.changes = wakeup
        app.afterFirstFrame = { notified.signal() }
        _ = app.run()
        #expect(driver.polls == 2, "polled \(driver.polls) times")
        #expect(terminal.wokenByDescriptor == 1)
        #expect(terminal.timedOut == 0)
        #expect(terminal.descriptors == [wakeup.descriptor])
    }

    @Test("a screen that does not poll is not given the descriptor")
    func quietScreen() throws {
        let driver = FakeDriver(Screens.login())
        let wakeup = try #require(ChangeWakeup { _ in false })
        let terminal = WaitingTerminal()
        let app = TerminalApp(driver: driver, device: terminal, options: ViewOptions(portalName: "Portal"))
        app.changes = wakeup
        _ = app.run()
        #expect(terminal.descriptors == [nil])
    }
}

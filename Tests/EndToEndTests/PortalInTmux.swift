import Foundation
import KeepsafeStore
import TestSupport

/// The built portal in a tmux session on `directory`'s test-cost store (`store`, created
/// on first use) with its own home folder, and a pilot driving it by labels.
///
/// - Parameters:
///   - extraArguments: added after `--store`, `--device tmux-test` and `--theme`.
///   - environment: laid over the session's environment (`NO_COLOR`, say).
///   - store: another store to use as it is (a postgres:// URL, say).
func portalInTmux(
    width: Int = 80, height: Int = 24, theme: String = "dark", term: String = "xterm-256color",
    extraArguments: [String] = [], environment extra: [String: String] = [:], directory: TemporaryDirectory,
    store given: String? = nil
) throws -> PortalPilot {
    let store = given ?? directory.file("store")
    let home = directory.file("home")
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    if given == nil && !FileManager.default.fileExists(atPath: store) {
        _ = try FileStore(path: store, initialPolicy: Policy.testing())
    }
    let session = try TmuxSession(
        width: width, height: height,
        command: [BuiltProducts.keepsafe, "--store", store, "--device", "tmux-test", "--theme", theme]
            + extraArguments,
        environment: [
            "TERM": term, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": home,
            "XDG_STATE_HOME": home + "/state",
            "NO_COLOR": "",
        ].merging(extra) { _, new in new },
        joinsWrappedLines: true)
    return PortalPilot(pane: session.main)
}

extension PortalPilot {
    /// From the log-in page: signs up as `email`, chooses push notifications and waits on
    /// the QR screen; returns the push enrollment URI decoded off the screen.
    func startPushEnrollment(email: String) throws -> String {
        try signUp(email: email)
        try choose("Push notification")
        try press("[ Continue ]")
        try pane.waitFor("Waiting for your phone")
        return try pane.decodeQR(theme: "dark")
    }
}

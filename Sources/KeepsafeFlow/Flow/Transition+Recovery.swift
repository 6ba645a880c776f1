import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The recovery code screen: shown once; "Continue" only after "I have safely recorded
/// this code".
extension Transition {
    mutating func activateRecovery(_ id: String) {
        guard let recovery = state.recovery else { return }
        switch id {
        case "copy":
            emit(.copyToClipboard(recovery.code))
            say(.success, "recovery.copied")
        case "save":
            let path = (form.values["path"] ?? Screens.defaultRecoveryFile).trimmingWhitespace
            guard !path.isEmpty else {
                say(.error, "recovery.missingPath")
                state.form.focus = "path"
                return
            }
            emit(.saveToFile(path: path, text: recovery.code + "\n"))
        case "continue":
            guard form.isChecked("recorded") else {
                say(.warning, "recovery.mustConfirm")
                return
            }
            state.recovery = nil
            if recovery.next == .home {
                enterHome(notice: recovery.notice)
            } else {
                go(recovery.next)
                if let notice = recovery.notice { state.messages = [Message(.info, notice)] }
            }
        default: break
        }
    }
}

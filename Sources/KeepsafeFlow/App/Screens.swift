/// The screen model of every page: the current feature draws it from the flow state.
public enum Screens {
    /// The screen for `state`.
    public static func make(_ state: FlowState, _ context: FlowContext) -> Screen {
        var builder = ScreenBuilder(state, context)
        return state.portal.feature.build(&builder)
    }

    /// Where "Save to file" writes the recovery code unless told otherwise.
    public static let defaultRecoveryFile = "~/keepsafe-recovery-code.txt"
}

import Foundation
import KeepsafeStore

@testable import KeepsafeFlow

/// Pure `reduce` driving for unit tests: a fixed instant, the testing policy and the
/// bundled assets.
enum ReduceFixture {
    static let now = Date(timeIntervalSince1970: 1_777_626_000)
    static let context = FlowContext(now: now, policy: .testing(), deviceName: "laptop")
    static let strings = Strings.bundled

    static func reduce(_ state: FlowState, _ event: FlowEvent, at time: Date = now) -> (FlowState, [Effect]) {
        var context = context
        context.now = time
        return Flow.reduce(state, event, context)
    }

    /// Feeds keys one by one, failing if any produced an effect.
    static func keys(_ state: FlowState, _ keys: [Key]) -> (FlowState, [Effect]) {
        var state = state
        var effects: [Effect] = []
        for key in keys {
            let (next, produced) = reduce(state, .key(key))
            state = next
            effects += produced
        }
        return (state, effects)
    }

    static func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    /// A state at `portal` with the form focus on `focus` and the given field values.
    static func state(
        _ portal: PortalState, focus: String? = nil, values: [String: String] = [:]
    ) -> FlowState {
        var state = FlowState()
        state.portal = portal
        state.form.focus = focus
        for (id, value) in values { state.form.set(id, value) }
        return state
    }

    /// What submitting a form with one wrong field must give: the same state with the
    /// focus on `focus` and `message` as its one error, and no effect.
    static func refused(_ state: FlowState, focus: String, message: String) -> (FlowState, [Effect]) {
        var refused = state
        refused.form.focus = focus
        refused.messages = [Message(.error, message)]
        return (refused, [])
    }

    /// The same state moved to `portal` with a fresh form and no messages (what `go` does).
    static func moved(_ state: FlowState, to portal: PortalState) -> FlowState {
        var moved = state
        moved.portal = portal
        moved.form = FormState()
        moved.messages = []
        return moved
    }

    static let alice = AccountSummary(
        email: "alice@example.com", displayName: "Alice", companyName: "Acme",
        factors: [
            .init(id: "f-totp", kind: .totp),
            .init(id: "f-sms", kind: .sms, detail: "+4••••••••23"),
        ], preferredFactorID: "f-totp", hasRecoveryCode: true)
}

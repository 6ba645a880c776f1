import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// The phone's reducer alone, as `Flow.reduce` is tested: a state and an event in, the
/// next state and the effects out, with no store, clock or terminal.
@Suite struct PhoneFlowTests {
    let start = Date(timeIntervalSince1970: 1_777_626_000)

    func state(page: PhoneSession.Page = .home) -> PhoneState {
        var state = PhoneState(numbers: [], allowsQuit: true, hasScanner: false, skew: 0)
        state.page = page
        state.primed = true
        return state
    }

    func prompt(_ id: String, number: Int? = nil, _ status: PushPrompt.State = .pending) -> PushPrompt {
        var request = PushRequest(
            id: id, kind: .login, account: "alice@example.com", factorID: "f", createdAt: start,
            expiresAt: start.addingTimeInterval(300), device: "laptop", place: "here")
        request.numberToMatch = number
        return PushPrompt(request: request, state: status, secondsLeft: status == .pending ? 300 : 0)
    }

    func snapshot(_ prompts: [PushPrompt]) -> PhoneSnapshot {
        var snapshot = PhoneSnapshot()
        snapshot.prompts = prompts
        snapshot.portalTime = start
        return snapshot
    }

    @Test func digitsOpenTheAppsAndQOnlyQuitsFromHome() {
        let expected: [(Character, PhoneSession.Page)] = [
            ("1", .authenticator), ("2", .messages), ("3", .mail), ("4", .push), ("5", .settings),
        ]
        for (key, page) in expected {
            let (next, effects) = PhoneFlow.reduce(state(), .key(.character(key)))
            #expect(next.page == page && effects.isEmpty)
        }
        #expect(PhoneFlow.reduce(state(), .key(.character("q"))).0.finished)
        #expect(!PhoneFlow.reduce(state(page: .mail), .key(.character("q"))).0.finished)
        #expect(PhoneFlow.reduce(state(page: .mail), .key(.escape)).0.page == .home)
    }

    @Test func aNewPromptRingsAndShowsABannerThatGoesOnceAnswered() {
        let (ringing, effects) = PhoneFlow.reduce(state(), .result(.polled(snapshot([prompt("r1")]))))
        #expect(effects == [.bell])
        #expect(ringing.notice?.requestID == "r1")
        #expect(ringing.unread[.push] == 1)
        // Seen once: the same snapshot again is not news.
        #expect(PhoneFlow.reduce(ringing, .result(.polled(snapshot([prompt("r1")])))).1.isEmpty)
        let answered = PhoneFlow.reduce(ringing, .result(.polled(snapshot([prompt("r1", .approved)])))).0
        #expect(answered.notice == nil)
    }

    @Test func whatWasThereAtStartIsNotNews() {
        var fresh = state()
        fresh.primed = false
        let (next, effects) = PhoneFlow.reduce(fresh, .result(.polled(snapshot([prompt("r1")]))))
        #expect(effects.isEmpty && next.notice == nil && next.primed)
    }

    @Test func approvingWithNumberMatchingNeedsTheNumberTyped() {
        var push = state(page: .push)
        push.snapshot = snapshot([prompt("r1", number: 42)])
        push.form.focus = PhoneSession.ActionID.approve + "r1"
        let (asked, none) = PhoneFlow.reduce(push, .key(.enter))
        #expect(none.isEmpty)
        #expect(asked.message == Message(.error, PhoneText.typeTheNumber))
        #expect(asked.form.focus == PhoneSession.ActionID.match + "r1")
        var typed = asked
        for character in "42" { typed = PhoneFlow.reduce(typed, .key(.character(character))).0 }
        #expect(PhoneFlow.reduce(typed, .key(.enter)).1 == [.approve(requestID: "r1", number: 42)])
        let (done, poll) = PhoneFlow.reduce(typed, .result(.answered(approved: true)))
        #expect(done.message == Message(.success, PhoneText.approved) && poll == [.poll])
    }

    @Test func addingAsksTheModelAndShowsWhatCameOfIt() {
        var adding = state(page: .addAccount)
        adding.form.focus = "uri"
        let (empty, nothing) = PhoneFlow.reduce(adding, .key(.enter))
        #expect(nothing.isEmpty && empty.message == Message(.error, PhoneText.pasteFirst))
        var typed = adding
        for character in "BK2C SOOX" { typed = PhoneFlow.reduce(typed, .key(.character(character))).0 }
        #expect(PhoneFlow.reduce(typed, .key(.enter)).1 == [.add("BK2C SOOX")])
        let (refused, after) = PhoneFlow.reduce(typed, .result(.failed("no enrollment x", pollAfter: false)))
        #expect(refused.message == Message(.error, "no enrollment x") && after.isEmpty)
        #expect(refused.page == .addAccount, "the typed code stays to be corrected")
        #expect(refused.form.value("uri") == "BK2C SOOX")
    }
}

import Testing

@testable import KeepsafeFlow

/// The session's typing path: a key on the field the last key edited is reduced without
/// building the screen. It must give exactly what the full path gives, key by key, on
/// every kind of field (masked, read-only, on the sign-up, SMS and code screens), for
/// editing keys and for the keys that leave the field.
@Suite struct TypingPathTests {
    typealias F = ReduceFixture

    /// Feeds `keys` both ways, the second carrying the edited field from key to key as
    /// `PortalSession` does, and compares state and effects after every key.
    @discardableResult
    func agree(_ start: FlowState, _ keys: [Key], _ comment: Comment) -> Int {
        var full = start
        var fast = start
        var typing: Field?
        var carried = 0
        for (index, key) in keys.enumerated() {
            if typing != nil { carried += 1 }
            let (slowState, slowEffects) = Flow.reduce(full, .key(key), F.context)
            let (fastState, fastEffects, edited) = Flow.reduce(
                fast, .key(key), F.context, screen: nil, typingInto: typing)
            #expect(fastState == slowState, "\(comment) key \(index) \(key)")
            #expect(fastEffects == slowEffects, "\(comment) key \(index) \(key)")
            full = slowState
            fast = fastState
            typing = fastEffects.isEmpty ? edited : nil
        }
        return carried
    }

    static let editing: [Key] =
        F.type("alice one") + [
            .left, .left, .backspace, .delete, .home, .character("x"), .end, .control("w"), .control("a"),
            .control("k"), .space, .control("u"),
        ] + F.type("bob@example.com")

    @Test func signUpFieldsIncludingMaskedOnes() {
        let start = F.state(.entry(.signUp(invitation: nil)), focus: "email")
        let keys = Self.editing + [.tab] + F.type("Bob B") + [.tab, .tab] + F.type("pw 1") + [.enter]
        // Nearly every key after the first of a field went the typing path.
        #expect(agree(start, keys, "sign-up") >= keys.count - 8)
        // Typing straight into a field the form has not focused yet (the screen's default).
        agree(F.state(.entry(.signUp(invitation: nil))), F.type("ab") + [.backTab] + F.type("c"), "default focus")
    }

    @Test func aReadOnlyFieldRefusesAlike() {
        let invited = InvitationNotice(email: "bob@example.com", companyName: "Acme")
        let start = F.state(
            .entry(.signUp(invitation: invited)), focus: "email", values: ["email": "bob@example.com"])
        agree(start, [.tab, .tab] + F.type("zz") + [.backspace, .control("u"), .backTab] + F.type("x"), "invited")
    }

    @Test func theLogInAndHelpKeys() {
        let start = F.state(.entry(.logIn), focus: "email")
        agree(start, F.type("a?b") + [.help, .escape] + F.type("c") + [.tab] + F.type("secret") + [.enter], "log-in")
    }
}

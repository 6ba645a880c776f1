import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// A phone session on the same store and clock as a portal harness, driven by keys and
/// by label as a person (or a walkthrough) would.
final class PhoneAppHarness {
    let portal: Harness
    let session: PhoneSession

    init(portal: Harness, numbers: [String] = [], skew: TimeInterval = 0, scans: Bool = true) {
        self.portal = portal
        let phone = Phone(store: portal.store, clock: portal.clock, skew: skew)
        session = PhoneSession(
            phone: phone, numbers: numbers, scanner: scans ? { [portal] in portal.qrPayload } : nil)
        session.poll()
    }

    var screen: Screen { session.screen }

    /// All the text on screen, one element per line.
    var text: String {
        var lines = [screen.title]
        for element in screen.elements {
            switch element {
            case .heading(let text), .paragraph(let text), .code(let text): lines.append(text)
            case .message(let message): lines.append(message.text)
            case .banner(let banner): lines.append(banner.text)
            case .field(let field): lines.append("\(field.label): \(field.value)")
            case .list(let list):
                lines.append(contentsOf: list.items.map { "\($0.label) \($0.detail ?? "")" })
            case .checkbox(let box): lines.append("[\(box.checked ? "x" : " ")] \(box.label)")
            case .button(let button), .link(let button): lines.append("<\(button.label)>")
            case .qr(let qr): lines.append("QR \(qr.payload)")
            }
        }
        return lines.joined(separator: "\n")
    }

    var codes: [String] {
        screen.elements.compactMap { if case .code(let text) = $0 { text } else { nil } }
    }

    var banner: String? {
        for case .banner(let banner) in screen.elements { return banner.text }
        return nil
    }

    /// Tabs to the element labelled `label` and presses Enter, as a person would.
    func press(_ label: String) throws {
        let target = try #require(
            screen.elements.first { element in
                switch element {
                case .button(let button), .link(let button): return button.label == label
                default: return false
                }
            }?.focusID, "no button \(label) on \(screen.id)")
        try focus(target)
        session.send(.enter)
    }

    /// Tabs to the field labelled `label` and types `text` into it.
    func type(_ text: String, into label: String) throws {
        let target = try #require(
            screen.elements.first { element in
                if case .field(let field) = element { return field.label == label }
                return false
            }?.focusID, "no field \(label) on \(screen.id)")
        try focus(target)
        for character in text { session.send(.character(character)) }
    }

    private func focus(_ id: String) throws {
        let count = screen.elements.compactMap(\.focusID).count
        for _ in 0...count where screen.focus != id { session.send(.tab) }
        #expect(screen.focus == id)
    }
}

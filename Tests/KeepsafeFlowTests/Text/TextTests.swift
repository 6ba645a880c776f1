import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// Sanitizer, WHATWG email addresses, E.164 phone numbers.
@Suite struct TextTests {
    @Test func everyControlAndBidiScalarIsReplaced() {
        var refused: [Unicode.Scalar] = (0x00...0x1F).compactMap(Unicode.Scalar.init)
        refused += (0x7F...0x9F).compactMap(Unicode.Scalar.init)
        refused += [
            0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
        ]
        .compactMap(Unicode.Scalar.init)
        for scalar in refused {
            let cleaned = Sanitizer.clean("a\(Character(scalar))b")
            #expect(cleaned == "a\u{FFFD}b", "U+\(String(scalar.value, radix: 16))")
        }
        for text in ["Zoë Ångström", "李小龍", "O'Brien & Co.", "🙂 emoji", "x\u{301}"] {
            #expect(Sanitizer.clean(text) == text)
        }
        #expect(Sanitizer.clean("\u{1B}]0;owned\u{07}") == "\u{FFFD}]0;owned\u{FFFD}")
    }

    @Test func userStringsAreSanitisedOnScreen() {
        var state = FlowState()
        state.portal = .home(
            AccountSummary(
                email: "eve@example.com", displayName: "Eve\u{1B}[2J\u{202E}lanigiro",
                companyName: "Evil\u{9B}31m Inc"),
            HomeState(notice: nil))
        let screen = Screens.make(state, ReduceFixture.context)
        for element in screen.elements {
            let text: String
            switch element {
            case .heading(let value), .paragraph(let value): text = value
            default: continue
            }
            #expect(!text.unicodeScalars.contains(where: Sanitizer.isRefused), "\(text.debugDescription)")
        }
        #expect(screen.elements.contains(.heading("Welcome, Eve\u{FFFD}[2J\u{FFFD}lanigiro")))
    }

    @Test(arguments: [
        "alice@example.com", "a.b+c@sub.example.co.uk", "x@localhost", "o'neil@example.com", "{weird}@x-y.z",
        "UPPER@EXAMPLE.COM",
    ])
    func validEmails(_ text: String) {
        #expect(EmailAddress(text)?.value == text.lowercased())
    }

    @Test(arguments: [
        "", "plain", "@example.com", "a@", "a@@b.c", "a b@c.d", "a@-x.com", "a@x-.com", "a@x..com", "a@.x",
        "é@x.com", "a@x_y.com", "a@\(String(repeating: "x", count: 64)).com",
    ])
    func invalidEmails(_ text: String) {
        #expect(EmailAddress(text) == nil)
    }

    @Test func onlyADomainWithADotCountsAsDotted() throws {
        #expect(try #require(EmailAddress("alice@example.com")).hasDottedDomain)
        #expect(try #require(EmailAddress("a.b@sub.example.co.uk")).hasDottedDomain)
        // A dot in the local part is not one in the domain.
        #expect(try !#require(EmailAddress("alice.smith@example")).hasDottedDomain)
        #expect(try !#require(EmailAddress("x@localhost")).hasDottedDomain)
    }

    @Test func phoneNumbersFitTheCountrysLengths() throws {
        let table = CountryTable.bundled
        let uk = try #require(table.country(iso: "GB"))
        #expect(try PhoneNumber.make(country: uk, national: "07700 900123").get().e164 == "+447700900123")
        #expect(try PhoneNumber.make(country: uk, national: "+44 7700-900-123").get().e164 == "+447700900123")
        #expect(try PhoneNumber.make(country: uk, national: "(7700) 900.123").get().e164 == "+447700900123")
        #expect(
            PhoneNumber.make(country: uk, national: "7700 9001")
                == .failure(.wrongLength(got: 8, allowed: [10])))
        #expect(PhoneNumber.make(country: uk, national: "7700 9OO123") == .failure(.notDigits))
        #expect(PhoneNumber.make(country: uk, national: "+33 612345678") == .failure(.notDigits))
        #expect(PhoneNumber.make(country: uk, national: " ") == .failure(.empty))
        let us = try #require(table.country(iso: "US"))
        #expect(try PhoneNumber.make(country: us, national: "201 555 0123").get().e164 == "+12015550123")
        #expect(PhoneNumber.masked("+447700900123") == "+4•••••••••23")
    }
}

extension TextTests {
    @Test func formatFillsEachPlaceholderOnceInOnePass() {
        let strings = Strings(table: ["k": "Hi {name}, {missing} and {name} at {email}{", "plain": "no braces"])
        let text = strings.format("k", ["name": "{email}", "email": "a@b.example"])
        #expect(text == "Hi {email}, {missing} and {email} at a@b.example{", "a value is never expanded again")
        #expect(strings.format("plain", ["name": "x"]) == "no braces")
        #expect(strings.format("absent", ["name": "x"]) == "⟦absent⟧")
    }
}

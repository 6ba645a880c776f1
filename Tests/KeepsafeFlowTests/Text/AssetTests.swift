import Foundation
import KeepsafeStore
import Testing

@testable import KeepsafeFlow

/// The bundled assets: country table, strings coverage, brand.
@Suite struct AssetTests {
    @Test func theCountryTableCoversEveryRegionWithLengths() {
        let table = CountryTable.bundled
        #expect(table.countries.count >= 240)
        let regions = table.countries.filter { $0.iso != "001" }
        #expect(Set(regions.map(\.iso)).count == regions.count, "ISO codes are unique")
        for country in table.countries {
            #expect(!country.lengths.isEmpty, "\(country.iso)")
            #expect(country.callingCode.allSatisfy(\.isNumber) && (1...3).contains(country.callingCode.count))
        }
        for code in [
            "1", "7", "20", "33", "44", "49", "81", "86", "91", "234", "358", "880", "998", "800", "870",
            "882",
        ] {
            #expect(table.countries.contains { $0.callingCode == code }, "+\(code)")
        }
    }

    /// The bundled list is read as it is (no normalising at start-up), so its file must
    /// already be lowercased and NFC-normalised.
    @Test func theBundledPasswordListIsAlreadyNormalised() {
        let entries = CommonPasswords.bundled.entries
        #expect(entries.count >= 10_000)
        #expect(CommonPasswords(entries: entries).entries == entries)
        #expect(CommonPasswords.bundled.contains("PassWord"))
    }

    @Test func thePickerSearchesByNameISOCodeAndCallingCode() {
        let table = CountryTable.bundled
        #expect(table.search("gb").map(\.iso) == ["GB"])
        #expect(table.search("+44").map(\.iso).contains("GB"))
        #expect(table.search("44").allSatisfy { $0.callingCode.hasPrefix("44") })
        #expect(table.search("kingdom").map(\.iso) == ["GB"])
        #expect(table.search("aland").map(\.iso) == ["AX"], "diacritics do not matter")
        #expect(table.search("").count == table.countries.count)
    }

    /// Renders every page (in the states the flow can put it in) and looks for missing keys.
    @Test func everyScreenFindsAllItsStrings() {
        let context = ReduceFixture.context
        var account = ReduceFixture.alice
        account.trustedDevices = [
            .init(id: "d", name: "laptop", expiresAt: ReduceFixture.now, isThisDevice: true)
        ]
        for page in Page.allCases {
            for variant in 0..<3 {
                let portal = ReduceFixture.portal(
                    showing: page, account: account, signedIn: true,
                    purpose: [.initial, .changeMethod, .changeNumber][variant], showsKey: variant == 1,
                    sms: ReduceFixture.sms(resendAfter: Double(variant) * 30),
                    pushRequest: variant == 0
                        ? nil
                        : PushChallenge.Request(
                            id: "r", numberToMatch: 42, expiresAt: ReduceFixture.now.addingTimeInterval(100)),
                    recovery: RecoveryCodeState(code: "AAAA", next: .home),
                    inviteSentTo: "bob@example.com",
                    invitation: InvitationNotice(email: "", companyName: "Acme"), notice: "notice")
                let state = ReduceFixture.state(portal)
                let screen = Screens.make(state, context)
                #expect(screen.id == page.rawValue)
                let texts: [String] =
                    [screen.title, screen.status]
                    + screen.elements.flatMap { element -> [String] in
                        switch element {
                        case .heading(let text), .paragraph(let text), .code(let text): return [text]
                        case .message(let message): return [message.text]
                        case .banner(let banner): return [banner.text]
                        case .field(let field): return [field.label, field.hint ?? ""]
                        case .list(let list):
                            return [list.label] + list.items.flatMap { [$0.label, $0.detail ?? ""] }
                        case .checkbox(let box): return [box.label]
                        case .button(let button), .link(let button): return [button.label]
                        case .qr(let qr): return [qr.caption ?? ""]
                        }
                    }
                for text in texts {
                    #expect(!text.contains("⟦") && !text.contains("{"), "\(page.rawValue): \(text)")
                }
                #expect(screen.focus != nil, "\(page.rawValue) has something to focus")
            }
        }
    }

    @Test func thePortalsControlLabelsAreInTheStringsFile() {
        let values = Set(Strings.bundled.table.values)
        for label in [
            "Keep Your Account Safe", "Try another method", "Continue", "I have safely recorded this code",
            "Remember this device for 30 days", "Recovery code", "Can't scan?", "Resend", "Send Invite",
            "Cancel",
            "Invitation Sent", "My Profile", "Invite a co-worker", "Help", "Log out",
            "Two-Factor Authentication",
            "Confirm", "Enter a code manually", "Sign up", "Log in", "Authenticator app",
            "Google Authenticator or similar", "Push notification", "SMS",
        ] {
            #expect(values.contains(label), "\(label)")
        }
    }

    @Test func theDefaultBrandIsNeutral() {
        let brand = Brand.bundled
        #expect(brand.portalName == "Northwind Partner Portal")
        #expect(!brand.issuer.contains(":"))
        for name in ["Schneider", "Exchange", "SmartConnect", "Auth0", "Guardian"] {
            #expect(
                !brand.portalName.contains(name) && !brand.pushAppName.contains(name)
                    && !brand.company.contains(name))
        }
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a portal session needs from outside the store: time, device identity, brand and
/// texts.
public struct PortalEnvironment: Sendable {
    public var clock: any FlowClock
    /// `--device NAME`, or the machine's name.
    public var deviceName: String
    public var keyring: any DeviceKeyring
    public var brand: Brand
    public var strings: Strings
    public var countries: CountryTable
    public var commonPasswords: CommonPasswords
    /// Names the store in the keyring (its path), so one device can use several stores.
    public var storeIdentity: String

    public init(
        clock: any FlowClock, deviceName: String, keyring: any DeviceKeyring, brand: Brand = .bundled,
        strings: Strings = .bundled, countries: CountryTable = .bundled,
        commonPasswords: CommonPasswords = .bundled, storeIdentity: String = "default"
    ) {
        self.clock = clock
        self.deviceName = deviceName
        self.keyring = keyring
        self.brand = brand
        self.strings = strings
        self.countries = countries
        self.commonPasswords = commonPasswords
        self.storeIdentity = storeIdentity
    }

    /// The machine's host name, for the default device name.
    public static var hostName: String { ProcessInfo.processInfo.hostName }
}

import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What `reduce` and the screens may know of the world: the time, the policy and the
/// assets. The runtime fills it before each event; tests build it by hand.
public struct FlowContext: Sendable {
    public var now: Date
    public var policy: Policy
    public var brand: Brand
    public var strings: Strings
    public var countries: CountryTable
    public var commonPasswords: CommonPasswords
    /// This device's name (for the trusted-device list and push context).
    public var deviceName: String

    public init(
        now: Date, policy: Policy, brand: Brand = .bundled, strings: Strings = .bundled,
        countries: CountryTable = .bundled, commonPasswords: CommonPasswords = .bundled,
        deviceName: String = "this device"
    ) {
        self.now = now
        self.policy = policy
        self.brand = brand
        self.strings = strings
        self.countries = countries
        self.commonPasswords = commonPasswords
        self.deviceName = deviceName
    }
}

import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension PortalEnvironment {
    /// The environment of the real portal on the store at `storePath`: the device's
    /// `FileKeyring`, the brand from `brandFile` (`--brand`), else `STORE/brand.json`, else
    /// the bundled one, and the bundled strings.
    ///
    ///     let environment = try PortalEnvironment.standard(storePath: path, deviceName: device, clock: clock)
    ///
    /// - Parameters:
    ///   - deviceName: `--device NAME`; nil means the machine's host name.
    ///   - keyringPath: where the device file lives (default `FileKeyring.defaultPath()`).
    /// - Throws: `AssetError` naming the brand or device file that cannot be used.
    public static func standard(
        storePath: String, deviceName: String? = nil, clock: any FlowClock = SystemClock(),
        brandFile: String? = nil, keyringPath: String = FileKeyring.defaultPath()
    ) throws -> PortalEnvironment {
        let brand = try Brand.resolve(file: brandFile, storePath: storePath)
        let name = deviceName.flatMap { $0.isEmpty ? nil : $0 } ?? hostName
        return PortalEnvironment(
            clock: clock, deviceName: name, keyring: try FileKeyring(path: keyringPath), brand: brand,
            storeIdentity: Path.standardized(storePath))
    }
}

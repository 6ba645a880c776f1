import KeepsafeFlow
import KeepsafeStore

extension PortalSession: WalkthroughSession {}

/// Opens real portal sessions for a walkthrough. Each simulated device keeps its own
/// in-memory keyring for the whole run, so a device trusted with "Remember this device
/// for 30 days" is still trusted after `restart`, and a new `device` is not.
public final class PortalSessionFactory: SessionFactory {
    private var keyrings: [String: InMemoryKeyring] = [:]
    /// Names the store in the keyrings (see `PortalEnvironment.storeIdentity`).
    private let storeIdentity: String

    public init(storeIdentity: String = "walkthrough") {
        self.storeIdentity = storeIdentity
    }

    public func makeSession(device: String, clock: ManualClock, store: any DocumentStore) throws
        -> any WalkthroughSession
    {
        let keyring = keyrings[device] ?? InMemoryKeyring()
        keyrings[device] = keyring
        let environment = PortalEnvironment(
            clock: clock, deviceName: device, keyring: keyring, storeIdentity: storeIdentity)
        return try PortalSession(store: store, environment: environment)
    }
}

import KeepsafeBase

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where this device keeps its identity and its trusted-device tokens (F8).
///
/// A token is the raw secret whose hash the account keeps; only the device holds it.
public protocol DeviceKeyring: AnyObject, Sendable {
    /// A random id for this device, made once.
    var deviceID: String { get }
    /// The trust token for `account` in the store `store`, if this device was remembered.
    func trustToken(store: String, account: String) -> String?
    /// Keeps (or with nil, forgets) the trust token for `account` in `store`.
    func setTrustToken(_ token: String?, store: String, account: String)
}

/// A keyring held in memory: tests and walkthroughs (one per simulated device).
public final class InMemoryKeyring: DeviceKeyring, @unchecked Sendable {
    private let lock = Lock()
    private var tokens: [String: String] = [:]
    public let deviceID: String

    /// A keyring with a fresh random device id (or the given one).
    public init(deviceID: String? = nil) {
        self.deviceID = deviceID ?? KeyringFile.randomID()
    }

    public func trustToken(store: String, account: String) -> String? {
        lock.withLock { tokens[KeyringFile.key(store: store, account: account)] }
    }

    public func setTrustToken(_ token: String?, store: String, account: String) {
        lock.withLock { tokens[KeyringFile.key(store: store, account: account)] = token }
    }
}

/// The real device's keyring: `$XDG_STATE_HOME/keepsafe/device.json` (else
/// `~/.local/state/keepsafe/device.json`), written atomically with mode 0600.
public final class FileKeyring: DeviceKeyring, @unchecked Sendable {
    private let lock = Lock()
    private var file: KeyringFile
    /// The file's path.
    public let path: String

    public var deviceID: String { lock.withLock { file.deviceID } }

    /// Opens (or creates) the keyring at `path`.
    /// - Throws: `AssetError.malformed` when the file exists but is not a keyring;
    ///   `FileWriteError` ("cannot write PATH: permission denied") when it cannot be created.
    public init(path: String = FileKeyring.defaultPath()) throws {
        self.path = path
        if let data = FileManager.default.contents(atPath: path) {
            guard let parsed = try? JSONDecoder().decode(KeyringFile.self, from: data) else {
                throw AssetError.malformed(path: path, reason: "not a keepsafe device file")
            }
            file = parsed
        } else {
            file = KeyringFile(deviceID: KeyringFile.randomID(), tokens: [:])
            try write()
        }
    }

    /// `$XDG_STATE_HOME/keepsafe/device.json`, or `~/.local/state/keepsafe/device.json`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? Path.homeDirectory) + "/.local/state"
        return base + "/keepsafe/device.json"
    }

    public func trustToken(store: String, account: String) -> String? {
        lock.withLock { file.tokens[KeyringFile.key(store: store, account: account)] }
    }

    public func setTrustToken(_ token: String?, store: String, account: String) {
        lock.withLock {
            file.tokens[KeyringFile.key(store: store, account: account)] = token
            // The keyring is a convenience: failing to write only means a challenge next time.
            try? write()
        }
    }

    private func write() throws {
        try FileWriting.makeDirectories(Path.parent(path), mode: 0o700)
        try FileWriting.write(Array(try JSONEncoder().encode(file)), to: path, mode: 0o600)
    }
}

/// The keyring document.
struct KeyringFile: Codable {
    var deviceID: String
    var tokens: [String: String]

    static func key(store: String, account: String) -> String { store + "\n" + account }

    static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in formatted("%02x", UInt8.random(in: 0...255, using: &generator)) }
            .joined()
    }
}

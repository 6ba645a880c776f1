import KeepsafeFlow
import KeepsafeStore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Everything a run needs from outside: the store, how to open sessions, where the
/// golden snapshots live and what to record.
public struct WalkthroughEnvironment {
    /// The store the portal and the phone share.
    public var store: any DocumentStore
    /// Makes the session factory for one run (each run keeps its own device keyrings).
    public var makeFactory: () -> any SessionFactory
    /// Folder of `NAME.txt` golden snapshots.
    public var snapshotDirectory: String
    /// Write snapshots instead of comparing (`KEEPSAFE_UPDATE_SNAPSHOTS=1`).
    public var updateSnapshots: Bool
    /// Keep an asciicast of the screens in the result.
    public var record: Bool
    /// Called with each step and the screen after it (`--screens`).
    public var onScreen: ((Step, [String]) -> Void)?
    /// Where the clock starts when the walkthrough has no `clock` step.
    public var start: Date

    /// The fixed default start instant, 2026-05-01T09:00:00Z.
    public static let defaultStart = Date(timeIntervalSince1970: 1_777_626_000)

    public init(
        store: any DocumentStore, makeFactory: @escaping () -> any SessionFactory, snapshotDirectory: String,
        updateSnapshots: Bool = false, record: Bool = false, onScreen: ((Step, [String]) -> Void)? = nil,
        start: Date = WalkthroughEnvironment.defaultStart
    ) {
        self.store = store
        self.makeFactory = makeFactory
        self.snapshotDirectory = snapshotDirectory
        self.updateSnapshots = updateSnapshots
        self.record = record
        self.onScreen = onScreen
        self.start = start
    }
}

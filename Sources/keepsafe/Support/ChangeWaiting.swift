import KeepsafeStore
import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FrontEndConfiguration {
    /// Screens waiting for the phone wake up on `store`'s change notifications when it
    /// has them (the database engine); a file store keeps polling.
    mutating func wakeOnChanges(of store: any DocumentStore) {
        guard let notifying = store as? any ChangeNotifying else { return }
        waitForChange = { timeout in
            do {
                return try notifying.waitForChange(timeout: timeout) != nil
            } catch {
                // The server is away: polling still runs; try listening again later.
                usleep(useconds_t(timeout * 1_000_000))
                return false
            }
        }
    }
}

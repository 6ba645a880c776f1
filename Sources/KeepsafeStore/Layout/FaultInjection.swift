#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The test seam at every file mutation the store makes, as SQLite tests its commits:
/// each mutation is a numbered point, and a test can end the process just before point
/// K, or make every mutation from K on fail as a full disk (or a dying disk) would.
///
/// Set by the environment, in debug builds only (release builds compile it out):
///
///     KEEPSAFE_FAULT=crash@K      _exit(86) just before mutation K
///     KEEPSAFE_FAULT=enospc@K     from mutation K on, what needs space fails with ENOSPC
///     KEEPSAFE_FAULT=eio@K        from mutation K on, every mutation fails with EIO
///     KEEPSAFE_FAULT_LOG=FILE     appends "K operation path" for every mutation
///
/// Points are counted from 1 across the whole process.
enum FaultInjection {
    enum Operation: String {
        case create, write, sync, rename, link, unlink, mkdir, truncate, chmod

        /// Whether a full disk makes this call fail: removing, renaming in place,
        /// shrinking and changing modes need no new blocks.
        var needsSpace: Bool {
            switch self {
            case .create, .write, .sync, .link, .mkdir: return true
            case .rename, .unlink, .truncate, .chmod: return false
            }
        }
    }

    enum Mode: String {
        case crash, enospc, eio
    }

    /// The exit status of a process ended at a crash point.
    static let crashStatus: Int32 = 86

    #if DEBUG
        private struct Plan: Sendable {
            var mode: Mode?
            var point: Int
            var log: Int32?
        }

        private static let plan: Plan = {
            let environment = ProcessInfo.processInfo.environment
            var plan = Plan(mode: nil, point: 0, log: nil)
            if let spec = environment["KEEPSAFE_FAULT"], let at = spec.firstIndex(of: "@"),
                let mode = Mode(rawValue: String(spec[..<at])),
                let point = Int(spec[spec.index(after: at)...]),
                point > 0
            {
                plan.mode = mode
                plan.point = point
            }
            if let file = environment["KEEPSAFE_FAULT_LOG"], !file.isEmpty {
                let descriptor = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
                plan.log = descriptor >= 0 ? descriptor : nil
            }
            return plan
        }()

        private static let counter = Atomic<Int>(0)
    #endif

    /// Called just before a mutation of `path`; ends the process or throws as planned.
    @inline(__always)
    static func check(_ operation: Operation, _ path: String) throws {
        #if DEBUG
            guard plan.mode != nil || plan.log != nil else { return }
            let point = counter.add(1, ordering: .relaxed).newValue
            if let log = plan.log {
                let line = Array("\(point) \(operation.rawValue) \(path)\n".utf8)
                _ = line.withUnsafeBytes { write(log, $0.baseAddress, $0.count) }
            }
            guard let mode = plan.mode else { return }
            switch mode {
            case .crash where point == plan.point:
                _exit(crashStatus)
            case .enospc where point >= plan.point && operation.needsSpace:
                throw StoreError.io(path: path, operation: operation.rawValue, errno: ENOSPC)
            case .eio where point >= plan.point:
                throw StoreError.io(path: path, operation: operation.rawValue, errno: EIO)
            default:
                return
            }
        #endif
    }
}

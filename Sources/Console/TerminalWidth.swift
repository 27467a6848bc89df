@preconcurrency import Glibc

/// Tracks window resizes (SIGWINCH) so output can reflow: `TerminalWidth.shared.columns` is always current.
///
/// The window is measured again only after a SIGWINCH, so reading `columns` is cheap.
/// Without `startTracking`, every read measures (correct, one system call each).
public final class TerminalWidth: @unchecked Sendable {
    public static let shared = TerminalWidth()

    // Guarded by `lock`.
    /// Where `$COLUMNS` comes from; nil reads the process environment.
    private var environment: [String: String]?
    private var cachedColumns: Int?
    private var cachedGeneration = 0
    private var tracking = false
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    private init() {
        pthread_mutex_init(lock, nil)
    }

    /// The current width: TIOCGWINSZ, else `$COLUMNS`, else 100; never below 40.
    public var columns: Int {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        let generation = SignalRelay.shared.pointee.resizeGeneration
        if tracking, let cachedColumns, generation == cachedGeneration {
            return cachedColumns
        }
        let columns = TerminalInfo.columns(
            windowColumns: TerminalInfo.windowColumns(),
            environment: environment ?? ["COLUMNS": getenv("COLUMNS").map { String(cString: $0) } ?? ""])
        cachedColumns = columns
        cachedGeneration = generation
        return columns
    }

    /// Installs the SIGWINCH handler (once) and sets where the `$COLUMNS` fallback comes from.
    /// Call it from the main thread at start-up; `LineEditor` calls it too.
    public func startTracking(environment: [String: String]) {
        start(environment: environment)
    }

    func start(environment: [String: String]?) {
        SignalRelay.installResizeHandler()
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        if let environment { self.environment = environment }
        tracking = true
        cachedColumns = nil
    }
}

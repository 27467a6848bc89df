@preconcurrency import Glibc

/// The process's signal handlers for the terminal, and the self-pipe they report through.
///
/// A handler may only touch plain memory and call async-signal-safe functions, so
/// everything it shares with the rest of the program lives in one raw allocation
/// (no Swift exclusivity checks, no reference counting, no lazy initialisation once
/// installed) and events reach the line editor as bytes on a pipe, which also wakes
/// its `poll`. Installation is expected on one thread, before any other use.
enum SignalRelay {
    enum Event: UInt8 {
        case interrupt = 0x49  // "I": SIGINT
        case resize = 0x57  // "W": SIGWINCH
        case continued = 0x43  // "C": resumed after Ctrl-Z while readline had the terminal
    }

    struct Shared {
        var pipeRead: Int32 = -1
        var pipeWrite: Int32 = -1
        /// Incremented on every SIGWINCH; readers compare it with the value they last saw.
        var resizeGeneration: Int = 0
        /// 1 while readline has the terminal in its own mode.
        var terminalPrepared: Int32 = 0
        /// 1 if readline turned bracketed paste on while it has the terminal.
        var bracketedPaste: Int32 = 0
        /// The terminal's mode before readline changed it, restored if we are killed or stopped.
        var originalMode = termios()
        var interruptInstalled = false
        var resizeInstalled = false
        var guardsInstalled = false
    }

    nonisolated(unsafe) static let shared: UnsafeMutablePointer<Shared> = {
        let pointer = UnsafeMutablePointer<Shared>.allocate(capacity: 1)
        pointer.initialize(to: Shared())
        return pointer
    }()

    /// Ctrl-C reports an event instead of killing the process, at a prompt or not.
    static func installInterruptHandler() {
        makePipe()
        guard !shared.pointee.interruptInstalled else { return }
        shared.pointee.interruptInstalled = true
        install(SIGINT, flags: SA_RESTART) { _ in SignalRelay.post(.interrupt) }
    }

    /// Window size changes bump `resizeGeneration` and report an event.
    static func installResizeHandler() {
        makePipe()
        guard !shared.pointee.resizeInstalled else { return }
        shared.pointee.resizeInstalled = true
        install(SIGWINCH, flags: SA_RESTART) { _ in
            SignalRelay.shared.pointee.resizeGeneration &+= 1
            SignalRelay.post(.resize)
        }
    }

    /// SIGTERM, SIGHUP and SIGQUIT still end the process, and Ctrl-Z still stops it,
    /// but not with the terminal left in readline's mode (no echo, bracketed paste on).
    static func installTerminalGuards() {
        makePipe()
        guard !shared.pointee.guardsInstalled else { return }
        shared.pointee.guardsInstalled = true
        for signal in [SIGTERM, SIGHUP, SIGQUIT] {
            install(signal, flags: 0) { signal in
                SignalRelay.restoreOriginalMode()
                SignalRelay.install(signal, flags: 0, handler: nil)
                // Blocked while this handler runs; delivered with the default action on return.
                raise(signal)
            }
        }
        installStopHandler()
    }

    /// Reads and discards pending events, returning them in order.
    static func drainEvents() -> [Event] {
        let fd = shared.pointee.pipeRead
        guard fd >= 0 else { return [] }
        var events: [Event] = []
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            events += bytes[0..<got].compactMap(Event.init(rawValue:))
        }
        return events
    }

    // MARK: - Inside handlers (async-signal-safe only)

    private static func post(_ event: Event) {
        let savedErrno = errno
        var byte = event.rawValue
        _ = write(shared.pointee.pipeWrite, &byte, 1)  // non-blocking: dropped if the pipe is full
        errno = savedErrno
    }

    private static func restoreOriginalMode() {
        guard shared.pointee.terminalPrepared != 0 else { return }
        if shared.pointee.bracketedPaste != 0 {
            let off: StaticString = "\u{1B}[?2004l"
            _ = write(STDOUT_FILENO, off.utf8Start, off.utf8CodeUnitCount)
        }
        _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &shared.pointee.originalMode)
    }

    private static func installStopHandler() {
        // SA_NODEFER: SIGTSTP must not be blocked while we raise it from inside the handler.
        install(SIGTSTP, flags: SA_RESTART | SA_NODEFER) { _ in
            let savedErrno = errno
            let prepared = SignalRelay.shared.pointee.terminalPrepared != 0
            var readlineMode = termios()
            if prepared { _ = tcgetattr(STDIN_FILENO, &readlineMode) }
            SignalRelay.restoreOriginalMode()
            SignalRelay.install(SIGTSTP, flags: 0, handler: nil)
            raise(SIGTSTP)  // stops here until SIGCONT
            SignalRelay.installStopHandler()
            if prepared {
                _ = tcsetattr(STDIN_FILENO, TCSADRAIN, &readlineMode)
                if SignalRelay.shared.pointee.bracketedPaste != 0 {
                    let on: StaticString = "\u{1B}[?2004h"
                    _ = write(STDOUT_FILENO, on.utf8Start, on.utf8CodeUnitCount)
                }
                SignalRelay.post(.continued)
            }
            errno = savedErrno
        }
    }

    // MARK: - Setup

    private static func makePipe() {
        guard shared.pointee.pipeRead < 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        shared.pointee.pipeRead = fds[0]
        shared.pointee.pipeWrite = fds[1]
    }

    private static func install(_ signal: Int32, flags: Int32, handler: (@convention(c) (Int32) -> Void)?) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler  // nil is SIG_DFL
        action.sa_flags = flags
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
    }
}

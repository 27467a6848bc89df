import Foundation
@preconcurrency import Glibc

/// A child process on the far side of a pseudo-terminal, driven like `expect`:
/// type keys, then wait (up to a deadline) for text to appear in what it prints. Shared by
/// ConsoleTests (the line editor's probe) and EndToEndTests (the `nightshift` binary).
///
/// Spawned with posix_spawn, not forkpty: the test process is multithreaded, and after
/// fork only async-signal-safe calls are allowed. The child starts a new session
/// (POSIX_SPAWN_SETSID) and opening the terminal's slave side by name then makes it
/// the child's controlling terminal, so Ctrl-C and window size changes
/// reach it as signals from the terminal, exactly as for a user.
public final class PseudoTerminal {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    public let pid: pid_t
    private let master: Int32
    private var raw: [UInt8] = []
    /// How much of `text` earlier waits have consumed.
    private var cursor: String.Index
    private var exitStatus: Int32?
    private var closed = false

    public init(
        executable: String, arguments: [String], environment: [String: String],
        columns: Int = 80, rows: Int = 24
    ) throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else {
            throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        // Neither end may leak into other children; the child opens the slave by name.
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        defer { close(slave) }  // once the child has it, EIO on the master means the child is gone
        self.master = master
        var name = [CChar](repeating: 0, count: 256)
        guard ttyname_r(slave, &name, name.count) == 0 else {
            close(master)
            throw Failure(description: "ttyname_r failed: \(String(cString: strerror(errno)))")
        }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        let setsid: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc 2.26+), not exported to Swift
        posix_spawnattr_setflags(
            &attributes, Int16(setsid | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(master)
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        cursor = "".startIndex
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Everything printed so far, as a reader would see it: escape sequences, carriage
    /// returns, backspaces and bells removed.
    public var text: String { Self.readable(raw) }

    /// The line the cursor is on, as a reader would see it (the prompt and what is typed, at a prompt).
    public var lastLine: String {
        let current = text
        return String(current[(current.lastIndex(of: "\n").map(current.index(after:)) ?? current.startIndex)...])
    }

    /// Everything printed so far, byte for byte.
    public var rawText: String { String(decoding: raw, as: UTF8.self) }

    /// Types `keys` (control characters included).
    public func send(_ keys: String) {
        var bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
        bytes.removeAll()
    }

    /// Changes the window size; the kernel sends SIGWINCH to the child.
    public func resize(columns: Int, rows: Int = 24) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Waits until `needle` appears in `text` after what earlier waits consumed, and
    /// consumes up to its end. Returns the text from the previous cursor to the end of the match.
    @discardableResult
    public func expect(_ needle: String, timeout: Duration = .seconds(20)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let current = text
            let start = min(cursor, current.endIndex)
            if let match = current[start...].range(of: needle) {
                cursor = match.upperBound
                return String(current[start..<match.upperBound])
            }
            if closed || ContinuousClock.now >= deadline {
                throw Failure(description: """
                    expected \(needle.debugDescription) \(closed ? "but the program ended" : "within \(timeout)"); \
                    it printed after the last match:
                    \(String(current[start...]).debugDescription)
                    """)
            }
            pump(until: deadline)
        }
    }

    /// Waits until the raw output (escape sequences included) contains `needle`.
    public func expectRaw(_ needle: String, timeout: Duration = .seconds(20)) throws {
        let deadline = ContinuousClock.now + timeout
        while !rawText.contains(needle) {
            if closed || ContinuousClock.now >= deadline {
                throw Failure(description: "expected raw output \(needle.debugDescription); got \(rawText.debugDescription)")
            }
            pump(until: deadline)
        }
    }

    /// Waits for the child to exit and returns its exit status (or 128 + signal).
    public func waitForExit(timeout: Duration = .seconds(20)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let exitStatus { return exitStatus }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7F
                exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                continue
            }
            if ContinuousClock.now >= deadline {
                throw Failure(description: "the program did not exit within \(timeout); it printed \(text.debugDescription)")
            }
            pump(until: min(deadline, ContinuousClock.now + .milliseconds(50)))
        }
    }

    /// Reads whatever arrives before `deadline` (returns after the first chunk).
    private func pump(until deadline: ContinuousClock.Instant) {
        guard !closed else {
            usleep(10_000)
            return
        }
        let remaining = deadline - ContinuousClock.now
        let milliseconds = max(0, Int32(clamping: remaining.components.seconds * 1000) + 1)
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, min(milliseconds, 100))
        guard ready > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let got = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if got > 0 {
            raw += buffer[0..<got]
        } else if got == 0 || errno != EINTR {
            closed = true  // EIO: every copy of the slave side is closed, the child is gone
        }
    }

    public static func readable(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case 0x1B:
                guard index < bytes.count else { break }
                let kind = bytes[index]
                index += 1
                if kind == UInt8(ascii: "[") {
                    while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
                    index += 1
                } else if kind == UInt8(ascii: "]") {
                    while index < bytes.count, bytes[index] != 0x07 { index += 1 }
                    index += 1
                }
            case 0x0D, 0x08, 0x07:
                break
            default:
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

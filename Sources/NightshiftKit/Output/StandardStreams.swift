#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error at the system-call level, so a stream that cannot be written
/// stops the program with a sentence and a status instead of a trap. Foundation's
/// `FileHandle.write(_:)` traps on any write error (a `try!` inside it): a closed stdout, or a
/// pipe whose reader has gone once SIGPIPE is ignored (the PostgreSQL client ignores it).
public enum StandardStreams {
    /// The status when standard output cannot be written: the environment failed, as with an
    /// unreachable store (see the exit status table in docs/user-guide.md).
    static let outputFailedStatus: Int32 = 1

    /// Run first, before anything opens a file or a socket. A standard stream the parent left
    /// closed is reopened on /dev/null: otherwise the next file or socket opened (the results
    /// store, its server connection) takes its number and our output would be written into
    /// it. Standard output is reopened for reading only, so writing to it still fails and the
    /// program stops as it should. SIGPIPE is ignored so a pipe whose reader has gone is the
    /// same error (EPIPE) whichever store engine is in use.
    public static func claim() {
        for descriptor: Int32 in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let opened = open("/dev/null", descriptor == STDERR_FILENO ? O_WRONLY : O_RDONLY)
            if opened >= 0, opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes all of `text` to standard output, or stops the program: a transcript nobody can
    /// read is not worth playing on (a session's journal already holds every entry).
    static func writeOutput(_ text: String) {
        guard let failure = writeAll(text, to: STDOUT_FILENO) else { return }
        // A reader that went away on purpose (`| head`) needs no explanation, as with SIGPIPE.
        if failure != EPIPE {
            _ = writeAll("nightshift: stopped: standard output cannot be written (\(String(cString: strerror(failure))))\n", to: STDERR_FILENO)
        }
        exit(outputFailedStatus)
    }

    /// Writes to standard error; a failure there has nowhere to be reported, so it is dropped.
    static func writeError(_ text: String) {
        _ = writeAll(text, to: STDERR_FILENO)
    }

    /// Nil when every byte was written, else the `errno` that stopped it.
    static func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { bytes -> Int32? in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }
}

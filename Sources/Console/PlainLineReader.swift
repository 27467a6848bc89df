#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain line reading for when stdin is not a terminal (pipes, scripts, tests): no readline, no escape codes.
///
/// Lines end at LF; a CR before the LF is dropped. A last line without a newline is
/// still returned. Invalid UTF-8 is replaced with U+FFFD. Lines may be any length.
public struct PlainLineReader {
    private let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts; consumed bytes are dropped in bulk, not one line at a time.
    private var start = 0
    /// Where to resume looking for a newline, so a megabyte line is scanned once, not once per chunk.
    private var scanned = 0
    private var reachedEnd = false

    public init(fileDescriptor: Int32 = 0) {
        self.fileDescriptor = fileDescriptor
    }

    /// The next line without its line ending, or nil at end of input (or on a read error).
    public mutating func readLine() -> String? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = takeLine(upTo: newline)
                start = newline + 1
                scanned = start
                compact()
                return line
            }
            scanned = buffer.count
            if reachedEnd {
                guard start < buffer.count else { return nil }
                let line = takeLine(upTo: buffer.count)
                start = buffer.count
                scanned = start
                compact()
                return line
            }
            fill()
        }
    }

    private func takeLine(upTo end: Int) -> String {
        var last = end
        if last > start, buffer[last - 1] == UInt8(ascii: "\r") { last -= 1 }
        return String(decoding: buffer[start..<last], as: UTF8.self)
    }

    private mutating func compact() {
        // Drop consumed bytes once they are most of the buffer: amortised O(1) per byte.
        if start > 0, start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
    }

    private mutating func fill() {
        let chunk = 64 * 1024
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var got = 0
        while true {
            got = buffer.withUnsafeMutableBytes { raw in
                read(fileDescriptor, raw.baseAddress! + oldCount, chunk)
            }
            if got < 0, errno == EINTR { continue }
            break
        }
        buffer.removeSubrange((oldCount + max(got, 0))...)
        if got <= 0 { reachedEnd = true }
    }
}

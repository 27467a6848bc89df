import Foundation

/// Runs one fuzz or hostile-input case with its input saved first, so that a case which
/// crashes the test process (a trap cannot be caught) or never finishes can be replayed from
/// the file. Timing is not asserted: only a case still running after a generous `seconds`
/// fails, because a hang is a bug and a slow machine is not.
public struct Watchdog: Sendable {
    /// Where inputs are kept: `$TMPDIR/nightshift-cases/NAME/`.
    public let folder: URL
    public let seconds: Double

    public init(_ name: String, seconds: Double = 5) {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("nightshift-cases").appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.seconds = seconds
    }

    /// The saved input of the case now running: still there if the process died in it.
    public var current: URL { folder.appendingPathComponent("current") }

    /// What a case came to: its value, or where the input of a case that hung was kept.
    public enum Outcome<Value: Sendable>: Sendable {
        case finished(Value)
        case hung(String)
    }

    /// Saves `input`, runs `body` on its own thread (with a large stack, as the main one has)
    /// and waits. A case still running after `seconds` has its input kept under its label;
    /// its thread is left to finish or die with the process. Expectations belong in the
    /// caller, on the value: the thread is outside the test's context.
    public func run<Value: Sendable>(_ label: String, input: [UInt8], _ body: @escaping @Sendable () -> Value) -> Outcome<Value> {
        try? Data(input).write(to: current)
        let done = DispatchSemaphore(value: 0)
        let box = Box<Value>()
        let thread = Thread {
            box.set(body())
            done.signal()
        }
        thread.stackSize = 64 << 20
        thread.start()
        if done.wait(timeout: .now() + seconds) == .success, let value = box.get() { return .finished(value) }
        let kept = folder.appendingPathComponent(String(label.map { $0.isLetter || $0.isNumber ? $0 : "-" }))
        try? FileManager.default.removeItem(at: kept)
        try? FileManager.default.copyItem(at: current, to: kept)
        return .hung(kept.path)
    }

    private final class Box<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Value?
        func set(_ newValue: Value) { lock.withLock { value = newValue } }
        func get() -> Value? { lock.withLock { value } }
    }
}

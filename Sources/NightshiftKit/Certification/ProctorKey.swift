import Foundation
import Reports

/// Reading the proctor's private key as ssh reads one: a key file that others can read is
/// refused, with the `chmod` that fixes it, because a key anyone on the machine could copy
/// certifies nothing.
public enum ProctorKey {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case unreadable(String)
        case notAKey(String)
        case exposed(String, mode: Int)

        public var description: String {
            switch self {
            case .unreadable(let path): return "cannot read the proctor's private key \(path)"
            case .notAKey(let path): return "\(path) is not a private key from `nightshift keys new`"
            case .exposed(let path, let mode):
                return "the private key \(path) can be read by others (mode \(String(mode, radix: 8))); a key others can copy certifies nothing. Run `chmod 600 \(path)`"
            }
        }
    }

    static func read(_ path: String) throws(Failure) -> Signing.KeyPair {
        var info = stat()
        guard stat(path, &info) == 0, let contents = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        let mode = Int(info.st_mode & 0o777)
        guard mode & 0o077 == 0 else { throw .exposed(path, mode: mode) }
        guard let pair = try? Signing.readPrivate(String(decoding: contents, as: UTF8.self)) else { throw .notAKey(path) }
        return pair
    }
}

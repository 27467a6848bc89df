import Foundation
import Reports

/// `nightshift keys new DIR`: an Ed25519 key pair for a proctor.
public enum KeysCommand {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists; keys are never overwritten (move it away first)"
            case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
            }
        }
    }

    /// Writes `nightshift.key` (readable by its owner only, created so from the first byte) and `nightshift.pub`.
    public static func create(in folder: String) throws -> (privatePath: String, publicPath: String, fingerprint: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let privatePath = (folder as NSString).appendingPathComponent("nightshift.key")
        let publicPath = (folder as NSString).appendingPathComponent("nightshift.pub")
        for path in [privatePath, publicPath] where FileManager.default.fileExists(atPath: path) { throw Failure.exists(path) }
        let pair = Signing.KeyPair()
        try write(pair.privateText, to: privatePath, mode: 0o600)
        try write(pair.publicText, to: publicPath, mode: 0o644)
        return (privatePath, publicPath, Signing.fingerprint(pair.publicKey))
    }

    private static func write(_ text: String, to path: String, mode: mode_t) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Failure.cannotWrite(path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        // The mode asked for is filtered by the umask; set it exactly.
        fchmod(descriptor, mode)
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ Foundation.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw Failure.cannotWrite(path, String(cString: strerror(errno)))
        }
        _ = fsync(descriptor)
    }
}

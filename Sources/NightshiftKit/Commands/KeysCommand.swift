import Foundation
import Reports

/// `nightshift keys new DIR`: an Ed25519 key pair for a proctor.
public enum KeysCommand {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists; keys are never overwritten (move it away first)"
            }
        }
    }

    /// `nightshift keys new DIR`: writes the pair and says where, with its fingerprint.
    public static func run(folder: String, output: TerminalOutput = TerminalOutput()) throws(NightshiftError) {
        do {
            let made = try create(in: folder)
            output.line("Wrote \(made.privatePath) (readable by you only) and \(made.publicPath); fingerprint \(made.fingerprint).")
        } catch {
            throw .keysNotWritten(error)
        }
    }

    /// Writes `nightshift.key` (readable by its owner only, from the first byte) and
    /// `nightshift.pub`. Each is written whole under a temporary name and then linked into
    /// place, so a full disk leaves no empty key behind to block the next attempt.
    public static func create(in folder: String) throws -> (privatePath: String, publicPath: String, fingerprint: String) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let privatePath = (folder as NSString).appendingPathComponent("nightshift.key")
        let publicPath = (folder as NSString).appendingPathComponent("nightshift.pub")
        for path in [privatePath, publicPath] where SafeFile.kind(path) != nil { throw Failure.exists(path) }
        let pair = Signing.KeyPair()
        do {
            try SafeFile.write(pair.privateText, to: privatePath, mode: 0o600, replacing: false)
            do {
                try SafeFile.write(pair.publicText, to: publicPath, mode: 0o644, replacing: false)
            } catch {
                // Half a pair is no pair: the private key goes too, so a new attempt can start clean.
                unlink(privatePath)
                throw error
            }
        } catch SafeFile.Failure.exists(let path) {
            throw Failure.exists(path)
        }
        return (privatePath, publicPath, Signing.fingerprint(pair.publicKey))
    }
}

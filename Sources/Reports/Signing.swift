import Crypto
import Foundation

/// Ed25519 keys in the two small text files a proctor keeps: the private key readable by its
/// owner only, the public key handed to whoever verifies certificates.
public enum Signing {
    static let privateHeader = "nightshift-ed25519-private-key-v1"
    static let publicHeader = "nightshift-ed25519-public-key-v1"

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case notAKey(String)
        case badSignature

        public var description: String {
            switch self {
            case .notAKey(let what): return "not a nightshift \(what) key file"
            case .badSignature: return "the signature does not verify"
            }
        }
    }

    public struct KeyPair: Sendable {
        public var privateKey: Curve25519.Signing.PrivateKey

        public init() { privateKey = Curve25519.Signing.PrivateKey() }
        public init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

        public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }

        public var privateText: String { "\(privateHeader)\n\(privateKey.rawRepresentation.base64EncodedString())\n" }
        public var publicText: String { Signing.publicText(publicKey) }
    }

    public static func publicText(_ key: Curve25519.Signing.PublicKey) -> String {
        "\(publicHeader)\n\(key.rawRepresentation.base64EncodedString())\n"
    }

    public static func readPrivate(_ text: String) throws -> KeyPair {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.count >= 2, lines[0] == privateHeader, let data = Data(base64Encoded: lines[1]),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else { throw Failure.notAKey("private") }
        return KeyPair(privateKey: key)
    }

    public typealias PublicKey = Curve25519.Signing.PublicKey

    public static func readPublic(_ text: String) throws -> Curve25519.Signing.PublicKey {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard lines.count >= 2, lines[0] == publicHeader, let data = Data(base64Encoded: lines[1]),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: data) else { throw Failure.notAKey("public") }
        return key
    }

    /// The public key's fingerprint: the first 16 hex digits of its SHA-256, as people compare keys.
    public static func fingerprint(_ key: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: key.rawRepresentation).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    public static func sign(_ bytes: Data, with key: KeyPair) throws -> Data {
        try key.privateKey.signature(for: bytes)
    }

    public static func verify(_ signature: Data, of bytes: Data, with key: Curve25519.Signing.PublicKey) -> Bool {
        key.isValidSignature(signature, for: bytes)
    }

    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

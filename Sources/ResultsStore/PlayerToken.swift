import Crypto
import Foundation

/// The proof that a player name belongs to one data folder. The folder keeps a random token
/// (a UUID); the store keeps only its SHA-256, in lowercase hex. Anyone can read a shared
/// store, so what it holds must prove a claim without making one: from the hash nobody can
/// recover a token to join with.
public enum PlayerToken {
    public static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

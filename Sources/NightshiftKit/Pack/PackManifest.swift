import Foundation
import ScenarioFormat

/// The SHA-256 of every pack file: what `verify` checks a certificate's scenarios against.
public struct PackManifest: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        public var path: String
        public var sha256: String
    }

    public var format = "nightshift-manifest/1"
    public var pack: String
    public var version: String
    public var files: [File]

    public init(_ pack: LoadedPack) {
        self.pack = pack.contents.pack.name
        self.version = pack.contents.pack.version
        self.files = pack.files.map { File(path: $0.path, sha256: Digest.sha256($0.text)) }.sorted { $0.path < $1.path }
    }

    public func sha256(of path: String) -> String? { files.first { $0.path == path }?.sha256 }

    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }
}

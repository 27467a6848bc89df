import Crypto
import Foundation
import Simulation
import Grading

/// A signed certification result. The payload is kept as the exact JSON text that was
/// signed, so any edit to a score, a finding, a journal line, a hash or a name breaks the
/// signature, whatever the editor does to the rest of the file.
public struct Certificate: Codable, Sendable {
    public static let format = "nightshift-certificate/1"

    public struct Signature: Codable, Sendable, Equatable {
        public var algorithm: String
        public var publicKey: String
        public var fingerprint: String
        public var value: String

        enum CodingKeys: String, CodingKey { case algorithm, publicKey = "public_key", fingerprint, value }
    }

    public var format: String
    /// The signed bytes, as UTF-8 JSON text.
    public var payload: String
    public var signature: Signature

    /// What was certified.
    public struct Payload: Codable, Sendable, Equatable {
        public struct Hashed: Codable, Sendable, Equatable {
            public var name: String
            public var version: String
            public var sha256: String

            public init(name: String, version: String, sha256: String) {
                self.name = name
                self.version = version
                self.sha256 = sha256
            }
        }

        public struct Gap: Codable, Sendable, Equatable {
            public var scenario: String
            public var afterSequence: Int
            public var wallMilliseconds: Int64
            public var at: String

            enum CodingKeys: String, CodingKey { case scenario, afterSequence = "after_sequence", wallMilliseconds = "wall_ms", at }

            public init(scenario: String, afterSequence: Int, wallMilliseconds: Int64, at: String) {
                self.scenario = scenario
                self.afterSequence = afterSequence
                self.wallMilliseconds = wallMilliseconds
                self.at = at
            }
        }

        public struct Scenario: Codable, Sendable, Equatable {
            public var id: String
            public var codename: String
            public var title: String
            public var seed: UInt64
            public var sha256: String
            public var surface: String
            /// The journal's exact bytes.
            public var journal: String
            public var journalSHA256: String
            public var score: Int
            public var passed: Bool
            public var failedBy: String?
            public var findings: [Finding]
            public var timeToSurfaceMinutes: Double?

            enum CodingKeys: String, CodingKey {
                case id, codename, title, seed, sha256, surface, journal, journalSHA256 = "journal_sha256", score, passed
                case failedBy = "failed_by", findings, timeToSurfaceMinutes = "time_to_surface_minutes"
            }

            public init(id: String, codename: String, title: String, seed: UInt64, sha256: String, surface: String, journal: String,
                        journalSHA256: String, score: Int, passed: Bool, failedBy: String?, findings: [Finding], timeToSurfaceMinutes: Double?) {
                self.id = id
                self.codename = codename
                self.title = title
                self.seed = seed
                self.sha256 = sha256
                self.surface = surface
                self.journal = journal
                self.journalSHA256 = journalSHA256
                self.score = score
                self.passed = passed
                self.failedBy = failedBy
                self.findings = findings
                self.timeToSurfaceMinutes = timeToSurfaceMinutes
            }
        }

        public struct Overall: Codable, Sendable, Equatable {
            public var score: Int
            public var passed: Bool
            public var passMark: Int
            public var minimumPerScenario: Int
            public var reasons: [String]

            enum CodingKeys: String, CodingKey { case score, passed, passMark = "pass_mark", minimumPerScenario = "minimum_per_scenario", reasons }

            public init(score: Int, passed: Bool, passMark: Int, minimumPerScenario: Int, reasons: [String]) {
                self.score = score
                self.passed = passed
                self.passMark = passMark
                self.minimumPerScenario = minimumPerScenario
                self.reasons = reasons
            }
        }

        public var candidate: String
        public var proctor: String
        public var engine: String
        public var pack: Hashed
        public var rubric: Hashed
        public var costs: Hashed
        public var seed: UInt64
        public var wallStart: String
        public var wallEnd: String
        public var gaps: [Gap]
        public var scenarios: [Scenario]
        public var overall: Overall
        public var warnings: [String]
        /// How the journals reached the signer: `sealed` (a local run whose every line was
        /// sealed with a key derived from the proctor's) or `proctor-store` (each line received
        /// by the proctor's server as it was played).
        public var custody: String?

        enum CodingKeys: String, CodingKey {
            case candidate, proctor, engine, pack, rubric, costs, seed, wallStart = "wall_start", wallEnd = "wall_end", gaps, scenarios, overall, warnings
            case custody
        }

        public init(candidate: String, proctor: String, engine: String, pack: Hashed, rubric: Hashed, costs: Hashed, seed: UInt64,
                    wallStart: String, wallEnd: String, gaps: [Gap], scenarios: [Scenario], overall: Overall, warnings: [String]) {
            self.candidate = candidate
            self.proctor = proctor
            self.engine = engine
            self.pack = pack
            self.rubric = rubric
            self.costs = costs
            self.seed = seed
            self.wallStart = wallStart
            self.wallEnd = wallEnd
            self.gaps = gaps
            self.scenarios = scenarios
            self.overall = overall
            self.warnings = warnings
        }
    }

    /// Signs a payload: its JSON text (keys sorted) becomes the exact signed bytes.
    public static func sign(_ payload: Payload, with key: Signing.KeyPair) throws -> Certificate {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = try encoder.encode(payload)
        let signature = try Signing.sign(bytes, with: key)
        return Certificate(format: format, payload: String(decoding: bytes, as: UTF8.self),
                           signature: Signature(algorithm: "ed25519", publicKey: key.publicKey.rawRepresentation.base64EncodedString(),
                                                fingerprint: Signing.fingerprint(key.publicKey), value: signature.base64EncodedString()))
    }

    /// The certificate file: pretty, with the payload kept as the exact signed text.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}") + "\n"
    }

    public static func decode(_ text: String) throws -> Certificate {
        try StrictJSON.decode(Certificate.self, from: Data(text.utf8))
    }

    public func decodedPayload() throws -> Payload {
        try StrictJSON.decode(Payload.self, from: Data(payload.utf8))
    }

    /// Whether `key` signed exactly this payload.
    public func isSigned(by key: Curve25519.Signing.PublicKey) -> Bool {
        guard signature.algorithm == "ed25519", signature.publicKey == key.rawRepresentation.base64EncodedString(),
              let value = Data(base64Encoded: signature.value) else { return false }
        return Signing.verify(value, of: Data(payload.utf8), with: key)
    }
}

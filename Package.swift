// swift-tools-version: 6.1
import PackageDescription

// Dependencies, and why each earns its place:
// - Yams: the YAML parser with node marks (line/column), which every scenario and
//   rubric diagnostic is built on. Writing a YAML parser is not our business.
// - swift-argument-parser: the subcommand tree of the `nightshift` executable only.
// - swift-crypto: SHA-256 for scenario, pack and journal hashes, and Ed25519 for signed
//   certificates. Hand-written cryptography has no place in a certification tool.
// - GRDB: SQLite for the embedded results store (history, game days on one host): WAL,
//   busy timeouts and a bundled-library-free build against the system's SQLite.
// - postgres-nio: the maintained PostgreSQL client, for game days whose players sit at
//   separate machines. It costs about two minutes of a clean build (it brings swift-nio);
//   a store that only half the players can reach is worse.

/// `-O` for the pure modules even in debug builds: the tests play hundreds of whole sessions
/// and unoptimised generic code scans simulated traffic about ten times slower.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "nightshift",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nightshift", targets: ["nightshift"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in the graph through postgres-nio; named so the store's client logs nowhere.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Pure: scenario values, YAML loading, validation and diagnostics.
        .target(name: "ScenarioFormat", dependencies: ["Yams"], swiftSettings: optimisedInDebug),
        // Pure: clock, seeded randomness, the world, traffic, commands, screens.
        .target(name: "Simulation", dependencies: ["ScenarioFormat"], swiftSettings: optimisedInDebug),
        // Pure: rubrics, the grader, explanations.
        .target(name: "Grading", dependencies: ["ScenarioFormat", "Simulation"], swiftSettings: optimisedInDebug),
        // Pure: Markdown, HTML and JSON reports; signing and verifying certificates.
        .target(name: "Reports", dependencies: [
            "Grading", "Simulation", "ScenarioFormat",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // GNU readline through Debian's libreadline-dev (no pkgConfig: its flags make SwiftPM warn).
        .systemLibrary(name: "CReadline", path: "Sources/CReadline"),
        // The trainee's prompt: line editing, completion, history, width, colour. Simulation for
        // `VisibleText`: styled text is made visible by the same rule as every other output.
        .target(name: "Console", dependencies: ["CReadline", "Simulation"]),
        // A tiny program on a LineEditor, driven in a pseudo-terminal by ConsoleTests.
        .executableTarget(name: "ConsoleProbe", dependencies: ["Console"]),
        // The results store: one versioned schema on SQLite (GRDB) or PostgreSQL (postgres-nio).
        // Crypto: a player's ownership token is kept as its SHA-256, never as itself.
        .target(name: "ResultsStore", dependencies: [
            "Reports", "Simulation",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The edges: pack discovery, data folder, journal files, the play loop.
        .target(name: "NightshiftKit", dependencies: [
            "ScenarioFormat", "Simulation", "Grading", "Reports", "Console", "BuiltinPack", "ResultsStore",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // `@main` and the subcommand list, nothing else.
        .executableTarget(name: "nightshift", dependencies: [
            "NightshiftKit",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // libFuzzer target for long fuzzing runs by hand (docs/fuzzing.md); built normally it
        // replays a corpus, so `swift build` needs no fuzzer runtime.
        .executableTarget(name: "NightshiftFuzz", dependencies: ["ScenarioFormat", "Simulation", "Grading", "Reports", "CFuzzerDriver"]),
        .target(name: "CFuzzerDriver"),

        // The pack the binary was built with (Scenarios/ and Grading/ as string
        // literals), so an installed binary works from any folder.
        .target(name: "BuiltinPack", plugins: ["EmbedPack"]),
        .plugin(name: "EmbedPack", capability: .buildTool(), dependencies: ["PackEmbedder"]),
        .executableTarget(name: "PackEmbedder"),

        // Shared by the test targets: the repository's pack as fixtures, and a pseudo-terminal to drive a program in.
        .target(name: "TestSupport", dependencies: ["ScenarioFormat", "Simulation", "Grading", "ResultsStore"], path: "Tests/TestSupport"),
        .testTarget(name: "ScenarioFormatTests", dependencies: ["ScenarioFormat", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "ScenarioFormat", "TestSupport"]),
        .testTarget(name: "GradingTests", dependencies: ["Grading", "Simulation", "ScenarioFormat", "TestSupport"], exclude: ["Journals"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Grading", "Simulation", "ScenarioFormat", "TestSupport"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "TestSupport"]),
        // The edges' logic called in-process: the error table, the journal opener, safe files, the
        // data folder and store location, and `verify` on damaged and re-signed certificates.
        .testTarget(name: "NightshiftKitTests", dependencies: ["NightshiftKit", "Reports", "Grading", "Simulation", "ScenarioFormat", "ResultsStore", "TestSupport"]),
        // Runs against a SQLite file and, when NIGHTSHIFT_TEST_POSTGRES names one, a real PostgreSQL server.
        .testTarget(name: "ResultsStoreTests", dependencies: ["ResultsStore", "Reports", "TestSupport"]),
        // Runs the built `nightshift` binary: pipes, exit codes, golden transcripts.
        .testTarget(name: "EndToEndTests", dependencies: ["nightshift", "TestSupport", "Grading", "Reports", "ScenarioFormat", "Simulation", "ResultsStore"], exclude: ["Golden", "Scaffold"]),
    ],
    swiftLanguageModes: [.v6]
)

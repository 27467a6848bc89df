import Foundation
@testable import NightshiftKit
import Testing

/// Files the program writes cannot be redirected by something planted first: new files are
/// created exclusively, links are refused or replaced but never written through, and two
/// sessions starting together get names of their own.
struct SafeFileTests {
    /// A fresh folder for one test, removed afterwards.
    static func inFolder(_ body: (String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nightshift-safefile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(folder)
    }

    static func expectFailure(_ expected: SafeFile.Failure, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(expected)", sourceLocation: sourceLocation)
        } catch let failure as SafeFile.Failure {
            #expect(failure == expected, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aNewFileIsCreatedOnceAndNeverOverALink() throws {
        try Self.inFolder { folder in
            let path = folder + "/a.jsonl"
            close(try SafeFile.createExclusive(path))
            Self.expectFailure(.exists(path)) { close(try SafeFile.createExclusive(path)) }
            // A link planted where the file will go, even one to nowhere, is refused, not followed.
            let planted = folder + "/planted.jsonl"
            try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: folder + "/victim")
            Self.expectFailure(.exists(planted)) { close(try SafeFile.createExclusive(planted)) }
            #expect(!FileManager.default.fileExists(atPath: folder + "/victim"))
        }
    }

    @Test func appendingAndTakingAnEmptyFileRefuseLinks() throws {
        try Self.inFolder { folder in
            let real = folder + "/real.jsonl", link = folder + "/link.jsonl"
            try Data().write(to: URL(fileURLWithPath: real))
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
            Self.expectFailure(.notARegularFile(link)) { close(try SafeFile.openForAppend(link)) }
            Self.expectFailure(.notARegularFile(link)) { close(try SafeFile.openNew(link, allowEmpty: true)) }
            // An empty regular file (mktemp made it) is taken; one with anything in it is not.
            close(try SafeFile.openNew(real, allowEmpty: true))
            try Data("x".utf8).write(to: URL(fileURLWithPath: real))
            Self.expectFailure(.exists(real)) { close(try SafeFile.openNew(real, allowEmpty: true)) }
            Self.expectFailure(.exists(real)) { close(try SafeFile.openNew(real, allowEmpty: false)) }
        }
    }

    @Test func twoSessionsInTheSameSecondGetNamesOfTheirOwn() throws {
        try Self.inFolder { folder in
            let names = try (1...3).map { _ in
                let (path, descriptor) = try SafeFile.createUnique(in: folder, stem: "20261129-101500-x-7", extension: ".jsonl")
                close(descriptor)
                return (path as NSString).lastPathComponent
            }
            #expect(names == ["20261129-101500-x-7.jsonl", "20261129-101500-x-7-2.jsonl", "20261129-101500-x-7-3.jsonl"])
            let folders = try (1...2).map { _ in (try SafeFile.createUniqueFolder(in: folder, stem: "reports") as NSString).lastPathComponent }
            #expect(folders == ["reports", "reports-2"])
        }
    }

    @Test func aWholeFileReplacesALinkRatherThanWriteThroughIt() throws {
        try Self.inFolder { folder in
            let target = folder + "/elsewhere.txt", path = folder + "/report.md"
            try Data("theirs".utf8).write(to: URL(fileURLWithPath: target))
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
            try SafeFile.write("ours", to: path)
            #expect(SafeFile.kind(path) == S_IFREG)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "ours")
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "theirs")
            // Not replacing: an existing file stays, and no temporary file is left beside it.
            Self.expectFailure(.exists(path)) { try SafeFile.write("again", to: path, replacing: false) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["elsewhere.txt", "report.md"])
        }
    }

    @Test func aFolderMustBeAFolderNotALinkToOne() throws {
        try Self.inFolder { folder in
            try SafeFile.ensureFolder(folder + "/a/b")
            #expect(SafeFile.kind(folder + "/a/b") == S_IFDIR)
            try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/a")
            Self.expectFailure(.notAFolder(folder + "/link")) { try SafeFile.ensureFolder(folder + "/link") }
        }
    }

    /// Names built from pack data stay one safe component, so no pack can name a file elsewhere.
    @Test(arguments: [
        ("Pylon Jetty", "pylon-jetty"),
        ("../../etc/passwd", "etc-passwd"),
        (".hidden", "hidden"),
        ("", "unnamed"),
        ("///", "unnamed"),
        (String(repeating: "a", count: 100), String(repeating: "a", count: 80)),
    ])
    func aNameComponentIsSafe(_ text: String, _ expected: String) {
        #expect(SafeFile.nameComponent(text) == expected)
    }
}

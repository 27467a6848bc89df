import Console
import Foundation
import Testing

@Suite("PlainLineReader")
struct PlainLineReaderTests {
    /// Every line the reader returns for `bytes` fed through a file.
    func lines(_ bytes: [UInt8]) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fd = open(url.path, O_RDONLY)
        try #require(fd >= 0)
        defer { close(fd) }
        var reader = PlainLineReader(fileDescriptor: fd)
        var lines: [String] = []
        while let line = reader.readLine() { lines.append(line) }
        #expect(reader.readLine() == nil, "stays at end")
        return lines
    }

    func lines(_ text: String) throws -> [String] { try lines(Array(text.utf8)) }

    @Test func empty() throws {
        #expect(try lines("") == [])
    }

    @Test(arguments: [
        ("one\ntwo\n", ["one", "two"]),
        ("one\r\ntwo\r\n", ["one", "two"]),
        ("one\r\ntwo", ["one", "two"]),
        ("no newline", ["no newline"]),
        ("\n\n", ["", ""]),
        ("\r\n", [""]),
        ("a\rb\n", ["a\rb"]),
        ("ends with cr\r", ["ends with cr"]),
        ("tab\there\n", ["tab\there"]),
    ])
    func lineEndings(input: String, expected: [String]) throws {
        #expect(try lines(input) == expected)
    }

    @Test func invalidUTF8IsReplaced() throws {
        let bytes: [UInt8] = Array("ok ".utf8) + [0xFF, 0xC3] + Array(" end\n".utf8) + [0xE2, 0x94]
        #expect(try lines(bytes) == ["ok \u{FFFD}\u{FFFD} end", "\u{FFFD}"])
    }

    @Test func megabyteLine() throws {
        let long = String(repeating: "x", count: 1 << 20)
        let result = try lines(long + "\nshort\n" + long)
        #expect(result.count == 3)
        #expect(result[0] == long)
        #expect(result[1] == "short")
        #expect(result[2] == long)
    }

    @Test func manyLinesAcrossChunks() throws {
        let input = (0..<50_000).map { "line \($0)" }.joined(separator: "\r\n")
        let result = try lines(input)
        #expect(result.count == 50_000)
        #expect(result.first == "line 0")
        #expect(result.last == "line 49999")
    }

    @Test func readsFromAPipe() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let bytes = Array("first\r\nsecond".utf8)
        #expect(write(fds[1], bytes, bytes.count) == bytes.count)
        close(fds[1])
        defer { close(fds[0]) }
        var reader = PlainLineReader(fileDescriptor: fds[0])
        #expect(reader.readLine() == "first")
        #expect(reader.readLine() == "second")
        #expect(reader.readLine() == nil)
    }
}

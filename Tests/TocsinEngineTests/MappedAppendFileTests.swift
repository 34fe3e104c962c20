import Foundation
import Testing
@testable import TocsinEngine

struct MappedAppendFileTests {
    func path() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("mapped-\(UUID()).txt").path
    }

    func append(_ file: MappedAppendFile, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { file.append(UnsafeRawBufferPointer($0)) }
    }

    func text(_ file: MappedAppendFile) -> String {
        String(decoding: file.contents(), as: UTF8.self)
    }

    @Test func notesAreReadBackAndALaterOpeningAppendsAfterThem() throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try #require(MappedAppendFile(path: path, windowSize: 4096))
        #expect(self.append(file, "one\n"))
        #expect(self.append(file, "two\n"))
        #expect(self.text(file) == "one\ntwo\n")
        // The file is a whole window long; past the notes it holds zeros.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size == 4096)
        let again = try #require(MappedAppendFile(path: path, windowSize: 4096))
        #expect(self.append(again, "three\n"))
        #expect(self.text(again) == "one\ntwo\nthree\n")
        #expect(self.text(file) == "one\ntwo\nthree\n", "both mappings share the kernel's pages")
    }

    @Test func aNoteNeverSpansTwoWindows() throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try #require(MappedAppendFile(path: path, windowSize: 4096))
        let notes = (0..<1_000).map { "note \($0) of a journal\n" }
        for note in notes { #expect(self.append(file, note)) }
        let text = self.text(file)
        #expect(text.count > 3 * 4096, "the notes took several windows")
        // A window's tail is padded with line breaks: every note is whole and in order.
        #expect(text.split(separator: "\n").map { $0 + "\n" } == notes.map { Substring($0) })
    }

    @Test func aNoteLongerThanAWindowIsRefusedAndNothingIsWritten() throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try #require(MappedAppendFile(path: path, windowSize: 4096))
        #expect(!self.append(file, String(repeating: "x", count: 4097)))
        #expect(self.text(file).isEmpty)
    }

    @Test func truncateEmptiesTheFileAndAppendsStartOver() throws {
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try #require(MappedAppendFile(path: path, windowSize: 4096))
        for index in 0..<500 { #expect(self.append(file, "note \(index)\n")) }
        file.truncate()
        #expect(self.text(file).isEmpty)
        #expect(self.append(file, "fresh\n"))
        #expect(self.text(file) == "fresh\n")
        #expect(self.text(try #require(MappedAppendFile(path: path, windowSize: 4096))) == "fresh\n")
    }

    @Test func aFileWrittenWithoutAMapIsReadWhole() throws {
        // A journal left by a version that wrote with write(2) has no zero tail.
        let path = self.path()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "B\tboot\t1\nS\t1\n".write(toFile: path, atomically: false, encoding: .utf8)
        let file = try #require(MappedAppendFile(path: path, windowSize: 4096))
        #expect(self.append(file, "S\t2\n"))
        #expect(self.text(file) == "B\tboot\t1\nS\t1\nS\t2\n")
    }

    @Test func anUnopenableFileGivesNil() {
        #expect(MappedAppendFile(path: "/nonexistent-dir/file") == nil)
    }
}

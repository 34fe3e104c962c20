import Testing
@testable import TocsinRules

struct ByteKeyTableTests {
    @Test func findsEveryKeyAndNothingElse() {
        let keys = (0..<500).map { "KEY\($0)" } + ["", "取消", "A VERY LONG KEYWORD OF MANY BYTES"]
        let table = ByteKeyTable(keys.enumerated().map { (Array($0.element.utf8), $0.offset) })
        for (index, key) in keys.enumerated() where !key.isEmpty {
            #expect(table.lookup(key) == index)
        }
        #expect(table.lookup("") == nil)
        #expect(table.lookup("KEY500") == nil)
        #expect(table.lookup("KEY") == nil)
        #expect(table.maxKeyLength == "A VERY LONG KEYWORD OF MANY BYTES".utf8.count)
    }

    @Test func firstValueWinsOnDuplicates() {
        let table = ByteKeyTable([(Array("STOP".utf8), 1), (Array("STOP".utf8), 2)])
        #expect(table.lookup("STOP") == 1)
        #expect(table.count == 1)
    }
}

import Testing
@testable import TocsinRules

struct FillerChainTests {
    @Test func fillerChainFindsPerSeWordsAmongFillers() {
        let chain = SharedKeywords.set.engine.fillerChain
        func mark(_ text: String) -> Int32 {
            var text = text
            return text.withUTF8 { bytes in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * bytes.count + 2) { chain.match(bytes, state: $0) }
            }
        }
        #expect(mark("PLEASE STOP THANK YOU") >= 0)
        #expect(mark("唔該取消") >= 0)
        #expect(mark("唔該STOP呀") >= 0)
        #expect(mark("THANK YOU") < 0, "filler alone is not a revocation")
        #expect(mark("STOP THE BILL") < 0)
        #expect(mark("PLEASESTOP") < 0, "two Latin words need a space")
        #expect(mark("STOPPLEASE") < 0)
    }

    @Test func reportsTheLastPerSeWord() {
        let chain = FillerChain(fillers: ["PLEASE"], perSe: [("STOP", 7), ("QUIT", 9)])
        var text = "STOP PLEASE QUIT"
        let mark = text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * bytes.count + 2) { chain.match(bytes, state: $0) }
        }
        #expect(mark == 9)
    }
}

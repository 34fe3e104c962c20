/// Recognises the commonest revocation, a per-se word with only filler around it ("Stop please",
/// "PLEASE UNSUBSCRIBE ME", "唔該取消"), without a regular expression.
///
/// Fillers and per-se words are literals, so a byte trie and a pass over word boundaries decide it in a
/// few nanoseconds per byte; PCRE2 would try a hundred alternatives at each step. Words are joined as in
/// the patterns: by a space, or directly where one side is not a Latin letter or digit (Chinese).
final class FillerChain: @unchecked Sendable {
    // @unchecked: the trie is written only in `init` and freed only in `deinit`.

    private struct Node {
        var edgeStart: Int32 = 0
        var edgeCount: Int32 = 0
        var isFiller = false
        var perSeMark: Int32 = -1
    }

    private let nodes: UnsafeMutableBufferPointer<Node>
    private let edgeBytes: UnsafeMutableBufferPointer<UInt8>
    private let edgeTargets: UnsafeMutableBufferPointer<Int32>
    /// The root's children by first byte (-1: none), so the first step is one load.
    private let rootChildren: UnsafeMutableBufferPointer<Int32>

    /// - Parameters:
    ///   - fillers: normalised filler words.
    ///   - perSe: normalised per-se words with the mark index each reports.
    init(fillers: [String], perSe: [(word: String, mark: Int32)]) {
        var children: [[UInt8: Int]] = [[:]]
        var info = [Node()]
        func insert(_ word: String) -> Int {
            var node = 0
            for byte in word.utf8 {
                if let next = children[node][byte] {
                    node = next
                } else {
                    children.append([:])
                    info.append(Node())
                    children[node][byte] = children.count - 1
                    node = children.count - 1
                }
            }
            return node
        }
        for filler in fillers where !filler.isEmpty { info[insert(filler)].isFiller = true }
        for (word, mark) in perSe where !word.isEmpty {
            let node = insert(word)
            if info[node].perSeMark < 0 { info[node].perSeMark = mark }
        }
        var bytes: [UInt8] = []
        var targets: [Int32] = []
        for (index, edges) in children.enumerated() {
            info[index].edgeStart = Int32(bytes.count)
            info[index].edgeCount = Int32(edges.count)
            for (byte, target) in edges.sorted(by: { $0.key < $1.key }) {
                bytes.append(byte)
                targets.append(Int32(target))
            }
        }
        self.nodes = .allocate(capacity: info.count)
        _ = self.nodes.initialize(from: info)
        self.edgeBytes = .allocate(capacity: max(1, bytes.count))
        _ = self.edgeBytes.initialize(from: bytes)
        self.edgeTargets = .allocate(capacity: max(1, targets.count))
        _ = self.edgeTargets.initialize(from: targets)
        self.rootChildren = .allocate(capacity: 256)
        self.rootChildren.initialize(repeating: -1)
        for (byte, target) in children[0] { self.rootChildren[Int(byte)] = Int32(target) }
    }

    deinit {
        self.nodes.deallocate()
        self.edgeBytes.deallocate()
        self.edgeTargets.deallocate()
        self.rootChildren.deallocate()
    }

    @inline(__always)
    func perSeMark(_ node: Int32) -> Int32 { self.nodes[Int(node)].perSeMark }

    @inline(__always)
    func child(_ node: Int32, _ byte: UInt8) -> Int32 {
        if node == 0 { return self.rootChildren[Int(byte)] }
        let entry = self.nodes[Int(node)]
        var index = Int(entry.edgeStart)
        let end = index &+ Int(entry.edgeCount)
        while index < end {
            if self.edgeBytes[index] == byte { return self.edgeTargets[index] }
            index &+= 1
        }
        return -1
    }

    /// Matches `bytes` as filler and per-se words with at least one per-se word.
    ///
    /// - Parameter state: scratch of `2 * (bytes.count + 1)` values. On return, `state[2p]` is true-ish
    ///   (≥ 0) where position p is a word start reachable from the beginning through fillers and per-se
    ///   words: where a phrase may begin.
    /// - Returns: the mark of the last per-se word on a matching path, or -1.
    func match(_ bytes: UnsafeBufferPointer<UInt8>, state: UnsafeMutableBufferPointer<Int32>) -> Int32 {
        // state[2p]: reachable without a per-se word (0) or not (-1);
        // state[2p+1]: mark of the last per-se word on a path reaching p, or -1.
        let count = bytes.count
        state.initialize(repeating: -1)
        state[0] = 0
        var position = 0
        var furthest = 0  // no position beyond this one is reachable yet
        while position < count, position <= furthest {
            let plain = state[2 &* position] >= 0
            let perSe = state[2 &* position &+ 1]
            if plain || perSe >= 0 {
                var node: Int32 = 0
                var end = position
                while end < count {
                    node = self.child(node, bytes[end])
                    if node < 0 { break }
                    end &+= 1
                    let entry = self.nodes[Int(node)]
                    guard entry.isFiller || entry.perSeMark >= 0, let next = Self.nextWord(bytes, after: end) else { continue }
                    furthest = max(furthest, next)
                    if entry.isFiller {
                        if plain { state[2 &* next] = 0 }
                        if perSe >= 0, state[2 &* next &+ 1] < 0 { state[2 &* next &+ 1] = perSe }
                    }
                    if entry.perSeMark >= 0, state[2 &* next &+ 1] < 0 { state[2 &* next &+ 1] = entry.perSeMark }
                }
            }
            position &+= 1
        }
        return state[2 &* count &+ 1]
    }

    /// Where the next word starts if a word may end at `end`: `end` itself at the end of the text or
    /// next to a character that is not a Latin letter or digit, after the space if one follows, else nil.
    @inline(__always)
    static func nextWord(_ bytes: UnsafeBufferPointer<UInt8>, after end: Int) -> Int? {
        if end == bytes.count { return end }
        let byte = bytes[end]
        if byte == 0x20 { return end &+ 1 }
        if byte < 0x80 && bytes[end &- 1] < 0x80 { return nil }  // inside an ASCII word
        return LatinScript.isLatinOrDigit(bytes, before: end) && LatinScript.isLatinOrDigit(bytes, at: end) ? nil : end
    }
}

extension FillerChain {
    /// The longest per-se word that starts at `position` and ends at a word boundary: its mark, or -1.
    @inline(__always)
    func perSeWord(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Int32 {
        var node: Int32 = 0
        var end = position
        var found: Int32 = -1
        while end < bytes.count {
            node = self.child(node, bytes[end])
            if node < 0 { break }
            end &+= 1
            let mark = self.perSeMark(node)
            if mark >= 0, Self.nextWord(bytes, after: end) != nil { found = mark }
        }
        return found
    }
}

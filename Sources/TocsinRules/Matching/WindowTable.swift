/// A fixed hash set of byte windows (up to 8 bytes, packed little-endian) with a 64-bit value each
/// (see ``PrefixGate``).
final class WindowTable: @unchecked Sendable {
    // @unchecked: the slots are written only in `init` and freed only in `deinit`.
    private let keys: UnsafeMutableBufferPointer<UInt64>
    private let masks: UnsafeMutableBufferPointer<UInt64>
    private let shift: UInt64

    /// Number of windows stored.
    let count: Int

    init(_ entries: [UInt64: UInt64]) {
        var bits: UInt64 = 4
        while (1 << bits) < entries.count * 2 { bits += 1 }
        let capacity = 1 << Int(bits)
        self.shift = 64 - bits
        self.keys = .allocate(capacity: capacity)
        self.keys.initialize(repeating: 0)
        self.masks = .allocate(capacity: capacity)
        self.masks.initialize(repeating: 0)
        self.count = entries.count
        for (key, mask) in entries where key != 0 {
            var index = self.slot(key)
            while self.keys[index] != 0 { index = (index + 1) & (capacity - 1) }
            self.keys[index] = key
            self.masks[index] = mask
        }
    }

    deinit {
        self.keys.deallocate()
        self.masks.deallocate()
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int((key &* 0x9E37_79B9_7F4A_7C15) >> self.shift)
    }

    /// The mask stored for `key`, or 0.
    @inline(__always)
    func mask(_ key: UInt64) -> UInt64 {
        let capacityMask = self.keys.count - 1
        var index = self.slot(key)
        while true {
            let stored = self.keys[index]
            if stored == key { return self.masks[index] }
            if stored == 0 { return 0 }
            index = (index &+ 1) & capacityMask
        }
    }
}

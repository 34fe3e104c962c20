/// A read-only hash table keyed by short byte strings, looked up without creating a `String`.
///
/// Open addressing with linear probing over a power-of-two slot array; keys live back to back in one
/// byte buffer. Storage is allocated once and freed in `deinit`, so a lookup does no reference counting.
/// Lookups of text longer than the longest key return at once, which is most sentences.
final class ByteKeyTable<Value: Sendable>: @unchecked Sendable {
    // @unchecked: the buffers are written only in `init` and freed only in `deinit`.

    private struct Slot {
        var offset: Int32
        var length: Int32
        var valueIndex: Int32  // -1: empty
    }

    private let keyBytes: UnsafeMutableBufferPointer<UInt8>
    private let slots: UnsafeMutableBufferPointer<Slot>
    private let values: UnsafeMutableBufferPointer<Value>
    private let mask: Int
    /// Length in bytes of the longest key.
    let maxKeyLength: Int

    /// Number of keys.
    var count: Int { self.values.count }

    /// Builds the table; when a key occurs twice the first value is kept.
    init(_ entries: [(key: [UInt8], value: Value)]) {
        var capacity = 8
        while capacity < entries.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(offset: 0, length: 0, valueIndex: -1), count: capacity)
        var keyBytes: [UInt8] = []
        var values: [Value] = []
        for (key, value) in entries {
            var index = Int(truncatingIfNeeded: key.withUnsafeBufferPointer { Self.hash($0) }) & (capacity - 1)
            var duplicate = false
            while slots[index].valueIndex >= 0 {
                let slot = slots[index]
                let stored = keyBytes[Int(slot.offset)..<Int(slot.offset) + Int(slot.length)]
                if stored.elementsEqual(key) {
                    duplicate = true
                    break
                }
                index = (index + 1) & (capacity - 1)
            }
            if duplicate { continue }
            slots[index] = Slot(offset: Int32(keyBytes.count), length: Int32(key.count), valueIndex: Int32(values.count))
            keyBytes.append(contentsOf: key)
            values.append(value)
        }
        self.keyBytes = .allocate(capacity: max(1, keyBytes.count))
        _ = self.keyBytes.initialize(from: keyBytes)
        self.slots = .allocate(capacity: capacity)
        _ = self.slots.initialize(from: slots)
        self.values = .allocate(capacity: values.count)
        _ = self.values.initialize(from: values)
        self.mask = capacity - 1
        self.maxKeyLength = entries.map(\.key.count).max() ?? 0
    }

    deinit {
        self.values.deinitialize()
        self.values.deallocate()
        self.slots.deallocate()
        self.keyBytes.deallocate()
    }

    /// The value stored for `key`, if any.
    @inline(__always)
    func lookup(_ key: UnsafeBufferPointer<UInt8>) -> Value? {
        guard key.count <= self.maxKeyLength, key.count > 0 else { return nil }
        var index = Int(truncatingIfNeeded: Self.hash(key)) & self.mask
        while true {
            let slot = self.slots[index]
            if slot.valueIndex < 0 { return nil }
            if Int(slot.length) == key.count, Self.equal(self.keyBytes.baseAddress! + Int(slot.offset), key) {
                return self.values[Int(slot.valueIndex)]
            }
            index = (index &+ 1) & self.mask
        }
    }

    /// Looks up a `String` key (for tests and slow paths).
    func lookup(_ key: String) -> Value? {
        var key = key
        return key.withUTF8 { self.lookup($0) }
    }

    @inline(__always)
    private static func equal(_ stored: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<key.count where stored[index] != key[index] { return false }
        return true
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return hash }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index &+ 8 <= bytes.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 29
            index &+= 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(base[index]) << shift
            shift &+= 8
            index &+= 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }
}

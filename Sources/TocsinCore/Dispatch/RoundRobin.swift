/// Fair interleaving of several queues: one item of each queue in turn, so a big broadcast never starves a
/// small one.
public enum RoundRobin {
    /// The first `limit` items taking one from each queue in turn (queues keep their own order).
    public static func interleave<Key, Item>(_ queues: [(Key, [Item])], limit: Int) -> [(Key, Item)] {
        var order: [(Key, Item)] = []
        var index = 0
        while order.count < limit {
            var any = false
            for (key, items) in queues where index < items.count && order.count < limit {
                any = true
                order.append((key, items[index]))
            }
            if !any { break }
            index += 1
        }
        return order
    }
}

import CPCRE2

/// Match data for one caller at a time: PCRE2 writes the match offsets and the last `(*MARK)` name into it.
///
/// It is `~Copyable` so that it cannot be shared between concurrent callers by accident; the classifier
/// makes one per `classify` call, and only when a pattern tier runs.
struct PCRE2MatchScratch: ~Copyable {
    let matchData: OpaquePointer

    /// Allocates match data with room for `pairs` offset pairs (1 is enough to learn where a match is).
    init(pairs: UInt32 = 1) {
        guard let data = pcre2_match_data_create_8(pairs, nil) else {
            fatalError("PCRE2 could not allocate match data (out of memory)")
        }
        self.matchData = data
    }

    deinit {
        pcre2_match_data_free_8(self.matchData)
    }

    /// The UTF-8 byte range of the whole match after a successful run.
    var matchRange: Range<Int> {
        let vector = pcre2_get_ovector_pointer_8(self.matchData)!
        return vector[0]..<vector[1]
    }

    /// The name of the last `(*MARK:NAME)` passed on the matching path, if any.
    var mark: UnsafePointer<UInt8>? {
        pcre2_get_mark_8(self.matchData)
    }
}

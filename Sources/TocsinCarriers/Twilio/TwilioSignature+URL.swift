extension TwilioSignature {
    /// A URL split the way CPython 3.11's `urllib.parse.urlparse` splits it, which is what Twilio's helper
    /// library validates against: `validate()` never checks the URL as given, only `geturl()` of the parse
    /// with the port removed (``removingPort()``) or the default port added (``addingPort()``).
    ///
    /// Works on UTF-8 bytes: every delimiter is ASCII, so byte positions match Python's code points.
    struct ParsedURL: Sendable {
        private var scheme: [UInt8] = []
        private var netloc: [UInt8] = []
        private var path: [UInt8] = []
        private var params: [UInt8] = []
        private var query: [UInt8] = []
        private var fragment: [UInt8] = []
        /// The explicit port, `nil` when there is none (or it is empty).
        private var port: Int?

        /// Schemes for which `urlunsplit` writes `//` even when the host is empty (`urllib.parse.uses_netloc`).
        private static let usesNetloc: Set<[UInt8]> = Set(
            [
                "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp", "snews",
                "prospero", "rtsp", "rtsps", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git", "git+ssh",
                "ws", "wss",
            ].map { Array($0.utf8) }
        )
        /// Schemes whose last path segment may carry `;params` (`urllib.parse.uses_params`).
        private static let usesParams: Set<[UInt8]> = Set(
            [
                "", "ftp", "hdl", "prospero", "http", "imap", "https", "shttp", "rtsp", "rtsps", "rtspu", "sip",
                "sips", "mms", "sftp", "tel",
            ].map { Array($0.utf8) }
        )

        /// Parses `url`, or returns `nil` where the library raises (bad port) or where we refuse the URL
        /// (bracketed or non-ASCII host).
        init?(_ url: String) {
            var rest = Array(url.utf8.drop { $0 <= 0x20 })
            rest.removeAll { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }

            if let colon = rest.firstIndex(of: UInt8(ascii: ":")), colon > 0, Self.isASCIILetter(rest[0]),
                rest[..<colon].allSatisfy(Self.isSchemeCharacter)
            {
                self.scheme = rest[..<colon].map { Self.isASCIILetter($0) ? $0 | 0x20 : $0 }
                rest.removeSubrange(...colon)
            }
            if rest.starts(with: Array("//".utf8)) {
                let end =
                    rest[2...].firstIndex {
                        $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
                    }
                    ?? rest.endIndex
                self.netloc = Array(rest[2..<end])
                rest.removeSubrange(..<end)
                guard !self.netloc.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 >= 0x80 })
                else {
                    return nil
                }
            }
            if let hash = rest.firstIndex(of: UInt8(ascii: "#")) {
                self.fragment = Array(rest[(hash + 1)...])
                rest.removeSubrange(hash...)
            }
            if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
                self.query = Array(rest[(question + 1)...])
                rest.removeSubrange(question...)
            }
            if Self.usesParams.contains(self.scheme), rest.contains(UInt8(ascii: ";")) {
                let searchFrom = rest.lastIndex(of: UInt8(ascii: "/")) ?? rest.startIndex
                if let semicolon = rest[searchFrom...].firstIndex(of: UInt8(ascii: ";")) {
                    self.params = Array(rest[(semicolon + 1)...])
                    rest.removeSubrange(semicolon...)
                }
            }
            self.path = rest
            guard let port = Self.port(in: self.netloc) else {
                return nil
            }
            self.port = port
        }

        /// `remove_port`: the whole netloc up to its first `:` when a non-zero port is present.
        func removingPort() -> [UInt8] {
            guard let port = self.port, port != 0 else {
                return self.url(netloc: self.netloc)
            }
            let colon = self.netloc.firstIndex(of: UInt8(ascii: ":")) ?? self.netloc.endIndex
            return self.url(netloc: Array(self.netloc[..<colon]))
        }

        /// `add_port`: appends `:443` (https) or `:80` (any other scheme) unless a non-zero port is present.
        func addingPort() -> [UInt8] {
            if let port = self.port, port != 0 {
                return self.url(netloc: self.netloc)
            }
            let suffix = self.scheme == Array("https".utf8) ? ":443" : ":80"
            return self.url(netloc: self.netloc + Array(suffix.utf8))
        }

        /// The first non-blank value of the query parameter `name`, percent-decoded as `parse_qs` does it.
        func firstQueryValue(named name: String) -> [UInt8]? {
            let wanted = Array(name.utf8)
            for field in self.query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
                guard let equals = field.firstIndex(of: UInt8(ascii: "=")), equals < field.endIndex - 1 else {
                    continue
                }
                if Self.lenientlyDecoded(field[..<equals]) == wanted {
                    return Self.lenientlyDecoded(field[(equals + 1)...])
                }
            }
            return nil
        }

        /// `urlunparse`, with `netloc` in place of the parsed one.
        private func url(netloc: [UInt8]) -> [UInt8] {
            var path = self.path
            if !self.params.isEmpty {
                path += [UInt8(ascii: ";")] + self.params
            }
            var url: [UInt8]
            let slashes = Array("//".utf8)
            if !netloc.isEmpty
                || (!self.scheme.isEmpty && Self.usesNetloc.contains(self.scheme) && !path.starts(with: slashes))
            {
                if let first = path.first, first != UInt8(ascii: "/") {
                    path.insert(UInt8(ascii: "/"), at: 0)
                }
                url = slashes + netloc + path
            } else {
                url = path
            }
            if !self.scheme.isEmpty {
                url = self.scheme + [UInt8(ascii: ":")] + url
            }
            if !self.query.isEmpty {
                url += [UInt8(ascii: "?")] + self.query
            }
            if !self.fragment.isEmpty {
                url += [UInt8(ascii: "#")] + self.fragment
            }
            return url
        }

        /// The port after the host, as `urlparse(...).port` reads it: `.some(nil)` when absent or empty,
        /// `nil` when Python raises (not all ASCII digits, or above 65535).
        private static func port(in netloc: [UInt8]) -> Int?? {
            let hostStart = netloc.lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? netloc.startIndex
            let hostinfo = netloc[hostStart...]
            guard let colon = hostinfo.firstIndex(of: UInt8(ascii: ":")) else {
                return .some(nil)
            }
            let digits = hostinfo[(colon + 1)...]
            if digits.isEmpty {
                return .some(nil)
            }
            var value = 0
            for digit in digits {
                guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else {
                    return nil
                }
                value = value * 10 + Int(digit - UInt8(ascii: "0"))
                if value > 65_535 {
                    value = 65_536  // keeps checking the remaining digits without overflowing
                }
            }
            return value <= 65_535 ? .some(value) : nil
        }

        /// `unquote_plus` with `errors="replace"`: `+` is a space, `%XX` a byte, anything else stays as it is.
        /// (Bytes that are not UTF-8 stay raw; they can never equal the ASCII names and digests compared.)
        private static func lenientlyDecoded(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var out: [UInt8] = []
            var index = bytes.startIndex
            while index < bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                    let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2])
                {
                    out.append(high << 4 | low)
                    index += 3
                } else {
                    out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                    index += 1
                }
            }
            return out
        }

        private static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }

        private static func isASCIILetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        /// `urllib.parse.scheme_chars`: ASCII letters, digits, `+`, `-` and `.`.
        private static func isSchemeCharacter(_ byte: UInt8) -> Bool {
            Self.isASCIILetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }
}

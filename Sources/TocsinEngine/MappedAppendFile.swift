import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only file written through a shared memory map of one window of it at a time: a note costs a copy
/// under a lock instead of a `write(2)`, and survives the process being killed just as a written one does (the
/// kernel's page cache holds the mapped pages and writes them back).
///
/// The blocks of each window are allocated before it is mapped, so a full disk fails the note that needs the
/// new window instead of crashing the process on a write to an unbacked page. The file past the last note is
/// zeros; ``contents()`` stops at the first zero byte. A window's unused tail is filled with line breaks when
/// the next one opens, so a note never spans two windows. Only the current window is mapped: the process's
/// resident memory grows by at most one window, whatever the file's size.
final class MappedAppendFile: Sendable {
    /// The mapped window; only ever touched under the lock that holds it.
    struct Window: @unchecked Sendable {
        var base: UnsafeMutableRawPointer?
        /// The file offset of the window (a multiple of the window size).
        var start: Int
        /// The bytes of the window already written.
        var used: Int
    }

    let descriptor: Int32
    let windowSize: Int
    private let window: Mutex<Window>

    /// Opens (creating if needed) the file at `path`; appends go after what it holds.
    ///
    /// - Returns: nil when the file cannot be opened.
    init?(path: String, windowSize: Int = 1 << 20) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        self.windowSize = windowSize
        let end = Self.contents(descriptor).count
        let start = end / windowSize * windowSize
        self.window = Mutex(Window(base: nil, start: start, used: end - start))
        self.window.withLock { self.map(&$0) }
    }

    deinit {
        self.window.withLock { window in
            if let base = window.base { munmap(base, self.windowSize) }
        }
        close(self.descriptor)
    }

    /// Appends `bytes` whole; false when they could not be (longer than a window, or no space for a new one).
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count <= self.windowSize else { return false }
        return self.window.withLock { window in
            if let full = window.base, window.used + bytes.count > self.windowSize {
                memset(full + window.used, 0x0A, self.windowSize - window.used)
                munmap(full, self.windowSize)
                window = Window(base: nil, start: window.start + self.windowSize, used: 0)
            }
            if window.base == nil { self.map(&window) }
            guard let base = window.base, bytes.count > 0 else { return window.base != nil }
            (base + window.used).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            window.used += bytes.count
            return true
        }
    }

    /// Empties the file.
    func truncate() {
        self.window.withLock { window in
            if let base = window.base { munmap(base, self.windowSize) }
            _ = ftruncate(self.descriptor, 0)
            window = Window(base: nil, start: 0, used: 0)
            self.map(&window)
        }
    }

    /// The file's bytes up to the first zero byte.
    func contents() -> Data {
        Self.contents(self.descriptor)
    }

    /// Allocates the window's blocks and maps it; leaves `base` nil when either fails.
    private func map(_ window: inout Window) {
        #if os(Linux)
        guard posix_fallocate(self.descriptor, off_t(window.start), off_t(self.windowSize)) == 0 else { return }
        #else
        let size = lseek(self.descriptor, 0, SEEK_END)
        guard size >= 0 else { return }
        if Int(size) < window.start + self.windowSize {
            guard ftruncate(self.descriptor, off_t(window.start + self.windowSize)) == 0 else { return }
        }
        #endif
        let base = mmap(nil, self.windowSize, PROT_READ | PROT_WRITE, MAP_SHARED, self.descriptor, off_t(window.start))
        guard let base, base != MAP_FAILED else { return }
        window.base = base
    }

    /// The bytes of the file at `descriptor` up to its first zero byte (the end of its notes).
    private static func contents(_ descriptor: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(data.count)) }
            guard count > 0 else { return data }
            let end = buffer[0..<count].firstIndex(of: 0) ?? count
            data.append(contentsOf: buffer[0..<end])
            if end < count { return data }
        }
    }
}

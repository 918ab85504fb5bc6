#if os(Linux)
import CMalloc
import Glibc
#endif

/// Process-wide allocator settings for processes that build and drop large column buffers.
///
/// glibc's allocator hands every buffer above a dynamic threshold (128 KiB at first, at most
/// 32 MiB) straight back to the kernel when it is freed, and trims the heap top above a small
/// threshold, so a process that reads one file after another takes a fresh page fault for
/// every 4 KiB of every column buffer, every time. Reading one column of the Parquet benchmark
/// spent about 40% of its time in the kernel that way. Other columnar engines avoid it with
/// allocators that keep freed memory (pyarrow uses jemalloc or mimalloc).
public enum MemoryPolicy {
    /// Buffers up to this size come from the heap, where freed memory is reused.
    public static let mmapThreshold = 16 << 20
    /// Freed memory at the heap's top is returned to the kernel above this much.
    public static let trimThreshold = 128 << 20

    /// Keeps freed buffers for reuse (glibc only; elsewhere the system allocator already
    /// does). Settings given in the environment (`MALLOC_MMAP_THRESHOLD_`,
    /// `MALLOC_TRIM_THRESHOLD_`) win. Call once, early, from an executable's entry point.
    public static func retainFreedBuffers() {
        #if os(Linux)
        if getenv("MALLOC_MMAP_THRESHOLD_") == nil { _ = mallopt(M_MMAP_THRESHOLD, Int32(mmapThreshold)) }
        if getenv("MALLOC_TRIM_THRESHOLD_") == nil { _ = mallopt(M_TRIM_THRESHOLD, Int32(trimThreshold)) }
        #endif
    }
}

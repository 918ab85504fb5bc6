#if canImport(Glibc)
import Glibc
#endif

/// Allocator settings for the commands that stream large inputs batch by batch.
enum MemoryTuning {
    /// Lets glibc keep freed memory for reuse instead of returning it to the kernel.
    ///
    /// A publish allocates and frees buffers of a few to tens of megabytes for every batch
    /// (parsed columns, hashes, encoded pages). With glibc's defaults the largest of these are
    /// mapped and unmapped each time, and every fresh page is zeroed by the kernel: about a tenth
    /// of a publish's CPU time went to page faults and page clearing. Serving them from the heap
    /// instead costs some resident memory (freed blocks stay mapped until the process exits),
    /// which suits a command that runs once and exits. No effect on other platforms.
    static func keepFreedMemoryForReuse() {
        #if canImport(Glibc)
        // `mallopt` is in <malloc.h>, which the Glibc module does not export; look it up instead.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3  // M_* in <malloc.h>
        _ = mallopt(mmapThreshold, 512 << 20)
        _ = mallopt(trimThreshold, 1 << 30)
        _ = mallopt(topPad, 64 << 20)
        #endif
    }
}

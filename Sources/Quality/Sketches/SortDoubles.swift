/// Sorts doubles (no NaN) in place: quicksort with median-of-three pivots and insertion sort
/// for short ranges, recursing into the smaller side (O(log n) stack). Used for the quantile
/// sketch's level-0 runs, where the standard library's sort (which allocates a merge buffer)
/// dominated profiling time.
func sortDoubles(_ a: UnsafeMutableBufferPointer<Double>) {
    var lo = 0, hi = a.count - 1
    while hi - lo > 16 {
        let mid = lo + (hi - lo) / 2
        if a[mid] < a[lo] { a.swapAt(mid, lo) }
        if a[hi] < a[lo] { a.swapAt(hi, lo) }
        if a[hi] < a[mid] { a.swapAt(hi, mid) }
        let pivot = a[mid]
        var i = lo, j = hi
        while i <= j {
            while a[i] < pivot { i += 1 }
            while a[j] > pivot { j -= 1 }
            if i <= j {
                a.swapAt(i, j)
                i += 1
                j -= 1
            }
        }
        if j - lo < hi - i {
            if lo < j { sortDoubles(UnsafeMutableBufferPointer(rebasing: a[lo...j])) }
            lo = i
        } else {
            if i < hi { sortDoubles(UnsafeMutableBufferPointer(rebasing: a[i...hi])) }
            hi = j
        }
    }
    if hi <= lo { return }
    for i in (lo + 1)...hi {
        let v = a[i]
        var j = i - 1
        while j >= lo && a[j] > v {
            a[j + 1] = a[j]
            j -= 1
        }
        a[j + 1] = v
    }
}

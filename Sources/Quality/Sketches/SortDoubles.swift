/// Sorts doubles (no NaN) in place, for the quantile sketch's level-0 runs (`k` values at a
/// time), where sorting is the sketch's main cost.
///
/// Quicksort with a median-of-three pivot and a branch-free Lomuto partition (every element is
/// swapped, and the boundary moves by the comparison's 0 or 1, so random data causes no branch
/// mispredictions), recursing into the smaller side (O(log n) stack); a range whose pivot is its
/// minimum splits off the values equal to it, so runs of duplicates stay O(n log n); insertion
/// sort below 16 elements. A run that is already in order is left after one pass.
func sortDoubles(_ a: UnsafeMutableBufferPointer<Double>) {
    guard a.count > 1, let base = a.baseAddress else { return }
    // Data often arrives ordered (event times, increasing ids): a run already sorted costs one
    // pass, and an unsorted one is usually found out within a few elements.
    var i = 1
    while i < a.count && !(base[i] < base[i - 1]) { i += 1 }
    if i == a.count { return }
    sortRange(base, 0, a.count)
}

/// Moves the values of `p[start..<end]` for which `goesFirst` holds before the others,
/// without branching on it (each value is swapped, and the boundary moves by 0 or 1); returns
/// the boundary.
@inline(__always)
private func partition(_ p: UnsafeMutablePointer<Double>, _ start: Int, _ end: Int, _ goesFirst: (Double) -> Bool) -> Int {
    var boundary = start
    var i = start
    while i < end {
        let v = p[i]
        p[i] = p[boundary]
        p[boundary] = v
        boundary &+= goesFirst(v) ? 1 : 0
        i += 1
    }
    return boundary
}

/// Sorts `p[lo..<hi]`.
private func sortRange(_ p: UnsafeMutablePointer<Double>, _ start: Int, _ end: Int) {
    var lo = start, hi = end
    while hi - lo > 16 {
        // The median of the first, middle and last values becomes the pivot at `lo`.
        let mid = lo + (hi - lo) / 2
        var x = p[lo], y = p[mid], z = p[hi - 1]
        if y < x { swap(&x, &y) }
        if z < y {
            swap(&y, &z)
            if y < x { swap(&x, &y) }
        }
        p[lo] = y
        p[mid] = x
        p[hi - 1] = z
        let pivot = y
        let boundary = partition(p, lo + 1, hi) { $0 < pivot }
        // p[lo+1..<boundary] < pivot <= p[boundary..<hi]; the pivot goes between them.
        let m = boundary - 1
        p[lo] = p[m]
        p[m] = pivot
        // Nothing was below the pivot: set the values equal to it aside (they are in place).
        let right = m == lo ? partition(p, m + 1, hi) { !(pivot < $0) } : m + 1
        if m - lo < hi - right {
            sortRange(p, lo, m)
            lo = right
        } else {
            sortRange(p, right, hi)
            hi = m
        }
    }
    // Insertion sort for the short remainder.
    var i = lo + 1
    while i < hi {
        let v = p[i]
        var j = i - 1
        while j >= lo && p[j] > v {
            p[j + 1] = p[j]
            j -= 1
        }
        p[j + 1] = v
        i += 1
    }
}

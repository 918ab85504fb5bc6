import Foundation

/// Placeholder until the Quality module's profiler API lands in main (see meshbench quality).
struct QualityBenchmark {
    let rows: Int
    let repeats: Int
    func run() throws { throw BenchError("quality benchmark: not wired yet") }
}

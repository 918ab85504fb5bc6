"""pyarrow side of the publish benchmark.

Times, best of N, what a minimal publish does with pyarrow: read the CSV with the benchmark
schema's types, compute count / null count / min / max of every column, and write the table as
Parquet with the given codec (default zstd, the codec Meshwork tables use). Prints one JSON object with the best wall and
CPU (all threads) times.
"""
import json, os, sys, tempfile, time
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as csv
import pyarrow.parquet as pq

source, repeats = sys.argv[1], int(sys.argv[2])
codec = sys.argv[3] if len(sys.argv) > 3 else "zstd"
types = {
    "id": pa.int64(), "user_id": pa.int64(), "amount": pa.float64(), "country": pa.string(),
    "ts": pa.timestamp("us", tz="UTC"), "label": pa.int32(),
}
out = os.path.join(tempfile.mkdtemp(prefix="meshbench-publish-peer-"), "out.parquet")

def publish():
    table = csv.read_csv(source, convert_options=csv.ConvertOptions(column_types=types))
    stats = {}
    for name in table.column_names:
        col = table[name]
        mm = pc.min_max(col)
        stats[name] = {"count": len(col), "nulls": col.null_count, "min": str(mm["min"].as_py()), "max": str(mm["max"].as_py())}
    pq.write_table(table, out, compression=codec)
    return stats

best, best_cpu = float("inf"), float("inf")
for _ in range(repeats):
    start, cpu = time.perf_counter(), time.process_time()
    result = publish()
    best, best_cpu = min(best, time.perf_counter() - start), min(best_cpu, time.process_time() - cpu)
os.remove(out)
print(json.dumps({"seconds": best, "cpu_seconds": best_cpu, "stats": result}))

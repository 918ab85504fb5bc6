"""pyarrow side of the publish benchmark.

Times, best of N, what a minimal publish does with pyarrow: read the CSV with the benchmark
schema's types, compute count / null count / min / max of every column, and write the table as
zstd Parquet (the codec Meshwork tables use). Prints one JSON object with the best time.
"""
import json, os, sys, tempfile, time
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as csv
import pyarrow.parquet as pq

source, repeats = sys.argv[1], int(sys.argv[2])
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
    pq.write_table(table, out, compression="zstd")
    return stats

best = float("inf")
for _ in range(repeats):
    start = time.perf_counter(); result = publish(); best = min(best, time.perf_counter() - start)
os.remove(out)
print(json.dumps({"seconds": best, "stats": result}))

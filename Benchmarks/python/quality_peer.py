"""pyarrow side of the quality benchmark.

Loads the benchmark table from the Parquet file meshbench wrote (untimed), then times, best of
N, pyarrow computing count, null count, min/max, mean (numeric columns) and exact distinct count
for every column. Prints one JSON object.
"""
import json, sys, time
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

source, repeats = sys.argv[1], int(sys.argv[2])
table = pq.read_table(source)

def stats():
    out = {}
    for name in table.column_names:
        col = table[name]
        s = {"count": len(col), "nulls": col.null_count, "distinct": pc.count_distinct(col).as_py()}
        mm = pc.min_max(col)
        s["min"], s["max"] = str(mm["min"].as_py()), str(mm["max"].as_py())
        if pa.types.is_integer(col.type) or pa.types.is_floating(col.type):
            s["mean"] = pc.mean(col).as_py()
        out[name] = s
    return out

best = float("inf")
for _ in range(repeats):
    start = time.perf_counter(); result = stats(); best = min(best, time.perf_counter() - start)
print(json.dumps({"seconds": best, "stats": result}))

"""pyarrow side of the Parquet benchmark.

Loads the benchmark table from the file meshbench wrote (untimed), then times, best of N:
pyarrow writing it (snappy, dictionary on: pyarrow's defaults), pyarrow reading the file back
in full, and reading one column. Prints one JSON object.
"""
import json, sys, time, os
import pyarrow.parquet as pq

source, scratch, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
table = pq.read_table(source)

def best(fn):
    t = float("inf")
    for _ in range(repeats):
        s = time.perf_counter(); fn(); t = min(t, time.perf_counter() - s)
    return t

out = os.path.join(scratch, "pyarrow.parquet")
write = best(lambda: pq.write_table(table, out, compression="snappy"))
read = best(lambda: pq.read_table(out))
project = best(lambda: pq.read_table(out, columns=["amount"]))
print(json.dumps({"write": write, "read": read, "project": project,
                  "rows": table.num_rows, "size": os.path.getsize(out)}))

"""pyiceberg side of the Iceberg benchmark.

Opens the table meshbench wrote from its metadata.json (StaticTable, untimed), then times,
best of N: planning a scan with `id < LIMIT` (plan_files), that filtered scan to Arrow, and a
full scan().to_arrow(). Prints one JSON object.
"""
import json, sys, time
from pyiceberg.table import StaticTable
from pyiceberg.expressions import LessThan

metadata, limit, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
table = StaticTable.from_metadata(metadata)

def best(fn):
    t = float("inf")
    for _ in range(repeats):
        s = time.perf_counter(); fn(); t = min(t, time.perf_counter() - s)
    return t

planned = [0]
def plan():
    planned[0] = len(list(table.scan(row_filter=LessThan("id", limit)).plan_files()))
rows = [0]
def scan():
    rows[0] = table.scan().to_arrow().num_rows
plan_time = best(plan)
filtered = best(lambda: table.scan(row_filter=LessThan("id", limit)).to_arrow())
scan_time = best(scan)
print(json.dumps({"plan": plan_time, "planned": planned[0], "filtered_scan": filtered, "scan": scan_time, "rows": rows[0]}))

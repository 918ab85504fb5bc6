"""DuckDB and pandas sides of the as-of join benchmark.

Arguments: the directory holding labels.parquet and one <name>.parquet per feature table,
the number of repeats, then the feature table names. Each engine is timed, best of N, from
reading the Parquet files to a materialised result with every label row and the two feature
columns of each table taken from the newest row with ts <= event_time for the same entity_id:
DuckDB with ASOF LEFT JOIN into a temporary table (connecting is not timed), pandas with read_parquet + sort +
merge_asof(by="entity_id", direction="backward"). Prints one JSON object with the times and
the number of label rows matched per feature table.
"""
import json, os, sys, time
import duckdb
import pandas as pd

folder, repeats, names = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
path = lambda n: os.path.join(folder, n + ".parquet")

def best(fn):
    t, result = float("inf"), None
    for _ in range(repeats):
        s = time.perf_counter(); result = fn(); t = min(t, time.perf_counter() - s)
    return t, result

con = duckdb.connect()  # connecting is not timed

def run_duckdb():
    select = ["l.entity_id", "l.event_time", "l.label"]
    joins = []
    for i, n in enumerate(names):
        select += [f"f{i}.{n}_a", f"f{i}.{n}_b"]
        joins.append(f"ASOF LEFT JOIN read_parquet('{path(n)}') f{i} ON l.entity_id = f{i}.entity_id AND l.event_time >= f{i}.ts")
    con.execute(f"CREATE OR REPLACE TEMP TABLE result AS SELECT {', '.join(select)} FROM read_parquet('{path('labels')}') l " + " ".join(joins))

def run_pandas():
    labels = pd.read_parquet(path("labels")).sort_values("event_time", kind="stable")
    for n in names:
        features = pd.read_parquet(path(n)).sort_values("ts", kind="stable")
        labels = pd.merge_asof(labels, features, left_on="event_time", right_on="ts", by="entity_id",
                               direction="backward", allow_exact_matches=True).drop(columns=["ts"])
    return labels

duck_time, _ = best(run_duckdb)
duck_matched = [con.execute(f"SELECT count({n}_a) FROM result").fetchone()[0] for n in names]
pandas_time, result = best(run_pandas)
pandas_matched = [int(result[f"{n}_a"].notna().sum()) for n in names]
print(json.dumps({"duckdb": duck_time, "pandas": pandas_time,
                  "duckdb_matched": duck_matched, "pandas_matched": pandas_matched}))

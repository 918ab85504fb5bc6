"""Writes Parquet files the way pyarrow, polars and DuckDB do by default (and with the
non-default encodings Meshwork must read), plus the canonical JSON of each as pyarrow reads it.

Usage: python generate_interop.py OUTPUT_DIR [ROWS]
Used by the interop tests (with 3000 rows) and, with 40 rows, to make the golden fixtures.
"""
import datetime, decimal, json, os, random, sys, uuid
import pyarrow as pa
import pyarrow.parquet as pq

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
rnd = random.Random(7)
os.makedirs(out, exist_ok=True)


def maybe(v, p=0.15):
    return None if rnd.random() < p else v


def table(with_uuid=True):
    cols = {
        'b': pa.array([maybe(rnd.random() < 0.5) for _ in range(n)], pa.bool_()),
        'i32': pa.array([maybe(rnd.randint(-2**31, 2**31 - 1)) for _ in range(n)], pa.int32()),
        'i64': pa.array([maybe(rnd.randint(-2**63, 2**63 - 1)) for _ in range(n)], pa.int64()),
        'f32': pa.array([maybe(rnd.uniform(-1e5, 1e5)) for _ in range(n)], pa.float32()),
        'f64': pa.array([maybe(rnd.uniform(-1e9, 1e9)) for _ in range(n)], pa.float64()),
        's': pa.array([maybe(f"s{rnd.randint(0, 60)}-é") for _ in range(n)], pa.string()),
        'bin': pa.array([maybe(bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 10)))) for _ in range(n)], pa.binary()),
        'd': pa.array([maybe(datetime.date(2000, 1, 1) + datetime.timedelta(days=rnd.randint(-5000, 5000))) for _ in range(n)], pa.date32()),
        'ts_us': pa.array([maybe(rnd.randint(0, 2**50)) for _ in range(n)], pa.timestamp('us', tz='UTC')),
        'ts_ms': pa.array([maybe(rnd.randint(0, 2**40)) for _ in range(n)], pa.timestamp('ms')),
        'ts_ns': pa.array([maybe(rnd.randint(0, 2**60)) for _ in range(n)], pa.timestamp('ns', tz='UTC')),
        'dec9': pa.array([maybe(decimal.Decimal(rnd.randint(-10**9 + 1, 10**9 - 1)).scaleb(-2)) for _ in range(n)], pa.decimal128(9, 2)),
        'dec18': pa.array([maybe(decimal.Decimal(rnd.randint(-10**18 + 1, 10**18 - 1)).scaleb(-6)) for _ in range(n)], pa.decimal128(18, 6)),
        'dec38': pa.array([maybe(decimal.Decimal(rnd.randint(-10**38 + 1, 10**38 - 1)).scaleb(-10)) for _ in range(n)], pa.decimal128(38, 10)),
        'fix': pa.array([maybe(bytes(rnd.getrandbits(8) for _ in range(4))) for _ in range(n)], pa.binary(4)),
        'l': pa.array([maybe([maybe(rnd.randint(-100, 100), 0.2) for _ in range(rnd.randint(0, 4))]) for _ in range(n)], pa.list_(pa.int64())),
        'ls': pa.array([maybe([f"x{rnd.randint(0, 9)}" for _ in range(rnd.randint(0, 3))]) for _ in range(n)], pa.list_(pa.string())),
    }
    if with_uuid:
        cols['u'] = pa.array([maybe(uuid.UUID(int=rnd.getrandbits(128)).bytes) for _ in range(n)], pa.uuid())
    return pa.table(cols)


decimal.getcontext().prec = 100
base = table()
plain_base = table(with_uuid=False)
rg = max(1, n // 3)
files = {}
files['pyarrow_snappy'] = lambda p: pq.write_table(base, p, compression='snappy', row_group_size=rg)
files['pyarrow_zstd'] = lambda p: pq.write_table(base, p, compression='zstd', row_group_size=rg)
files['pyarrow_gzip_plain'] = lambda p: pq.write_table(base, p, compression='gzip', use_dictionary=False)
files['pyarrow_v2_dict'] = lambda p: pq.write_table(base, p, data_page_version='2.0', compression='snappy', row_group_size=rg)
files['pyarrow_v2_delta'] = lambda p: pq.write_table(
    base, p, data_page_version='2.0', compression='zstd', use_dictionary=False,
    column_encoding={'i32': 'DELTA_BINARY_PACKED', 'i64': 'DELTA_BINARY_PACKED', 'd': 'DELTA_BINARY_PACKED',
                     's': 'DELTA_BYTE_ARRAY', 'bin': 'DELTA_LENGTH_BYTE_ARRAY', 'fix': 'DELTA_BYTE_ARRAY',
                     'f32': 'BYTE_STREAM_SPLIT', 'f64': 'BYTE_STREAM_SPLIT', 'dec38': 'BYTE_STREAM_SPLIT',
                     'ts_us': 'DELTA_BINARY_PACKED', 'b': 'RLE'})
files['pyarrow_v1_delta_uncompressed'] = lambda p: pq.write_table(
    base, p, compression='none', use_dictionary=False,
    column_encoding={'i32': 'DELTA_BINARY_PACKED', 'i64': 'DELTA_BINARY_PACKED', 's': 'DELTA_LENGTH_BYTE_ARRAY',
                     'bin': 'DELTA_BYTE_ARRAY', 'f64': 'BYTE_STREAM_SPLIT', 'i32': 'BYTE_STREAM_SPLIT'})
files['pyarrow_int96'] = lambda p: pq.write_table(base, p, use_deprecated_int96_timestamps=True)
files['pyarrow_decimal_integers'] = lambda p: pq.write_table(base, p, store_decimal_as_integer=True)
files['pyarrow_small_pages'] = lambda p: pq.write_table(base, p, data_page_size=512, write_page_index=True, row_group_size=rg)


def polars_file(p):
    import polars as pl
    pl.from_arrow(plain_base).write_parquet(p, compression='zstd', statistics=True)


def duckdb_file(p):
    import duckdb
    con = duckdb.connect()
    con.register('t', plain_base)
    con.execute(f"COPY (SELECT * FROM t) TO '{p}' (FORMAT parquet)")


files['polars_zstd'] = polars_file
files['duckdb_default'] = duckdb_file

names = []
for name, write in files.items():
    path = os.path.join(out, name + '.parquet')
    write(path)
    names.append(name)
print(json.dumps(names))

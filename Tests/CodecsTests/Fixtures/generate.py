"""Regenerates the codec interop fixtures in this directory.

Run from the repository root with the project venv (cramjam, pyarrow):

    /work/venv/bin/python Tests/CodecsTests/Fixtures/generate.py

Outputs are deterministic (gzip headers carry mtime 0), so rerunning must not change them.
"""
import gzip
import pathlib
import random
import zlib

import cramjam
import pyarrow as pa

HERE = pathlib.Path(__file__).resolve().parent


def lines():
    """84 000 bytes of lines repeating every 50 lines: crosses Snappy's 64 KiB fragment boundary.
    CodecFixtureTests rebuilds the same bytes from this formula."""
    return "".join(f"line {i % 50:02d} of the mesh\n" for i in range(4000)).encode()


def write(name, data):
    (HERE / name).write_bytes(bytes(data))


def raw_deflate(data, level=6):
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


text = (HERE / "text.txt").read_bytes()
binary = random.Random(7).randbytes(1024)
long_lines = lines()

write("binary.bin", binary)
for name, data in [("text", text), ("binary", binary), ("lines", long_lines)]:
    # cramjam wraps the Rust `snap` crate; pyarrow wraps Google's C++ snappy.
    write(f"{name}.snappy", cramjam.snappy.compress_raw(data))
    write(f"{name}.arrow.snappy", pa.compress(data, codec="snappy", asbytes=True))
    write(f"{name}.gz", gzip.compress(data, compresslevel=6, mtime=0))
write("text.zlib", zlib.compress(text, 9))
write("text.deflate", raw_deflate(text))
write("text.arrow.gz", pa.compress(text, codec="gzip", asbytes=True))
# Two gzip members back to back, as `cat a.gz b.gz` or some Parquet writers produce.
write("members.gz", gzip.compress(text, mtime=0) + gzip.compress(binary, mtime=0))

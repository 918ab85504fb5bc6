#!/usr/bin/env python3
"""Regenerates the Zstandard golden fixtures in this directory.

Usage: /work/venv/bin/python generate.py   (needs the `zstandard` module)

Each fixture `NAME.zst` is made by the reference libzstd (through python-zstandard) from
deterministically generated data. `manifest.json` records, per fixture, the length and the
XXH64 (seed 0) of the original data so tests can verify the decoded bytes without storing
them. The XXH64 here is computed by a small pure-Python implementation which the script
cross-checks against libzstd's own content checksum (low 32 bits) before writing anything.
"""
import json
import os
import random
import struct

import zstandard as zstd

MASK = (1 << 64) - 1
P1, P2, P3, P4, P5 = (0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                      0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5)


def _rotl(x, r):
    return ((x << r) | (x >> (64 - r))) & MASK


def _round(acc, lane):
    return (_rotl((acc + lane * P2) & MASK, 31) * P1) & MASK


def xxh64(data, seed=0):
    n, p = len(data), 0
    if n >= 32:
        v = [(seed + P1 + P2) & MASK, (seed + P2) & MASK, seed, (seed - P1) & MASK]
        while p + 32 <= n:
            for i in range(4):
                v[i] = _round(v[i], struct.unpack_from("<Q", data, p + 8 * i)[0])
            p += 32
        h = (_rotl(v[0], 1) + _rotl(v[1], 7) + _rotl(v[2], 12) + _rotl(v[3], 18)) & MASK
        for x in v:
            h = ((h ^ _round(0, x)) * P1 + P4) & MASK
    else:
        h = (seed + P5) & MASK
    h = (h + n) & MASK
    while p + 8 <= n:
        h ^= _round(0, struct.unpack_from("<Q", data, p)[0])
        h = (_rotl(h, 27) * P1 + P4) & MASK
        p += 8
    if p + 4 <= n:
        h ^= (struct.unpack_from("<I", data, p)[0] * P1) & MASK
        h = (_rotl(h, 23) * P2 + P3) & MASK
        p += 4
    while p < n:
        h ^= (data[p] * P5) & MASK
        h = (_rotl(h, 11) * P1) & MASK
        p += 1
    h ^= h >> 33
    h = (h * P2) & MASK
    h ^= h >> 29
    h = (h * P3) & MASK
    h ^= h >> 32
    return h


WORDS = ("the of and to in is was for on that with as by at from it an be this which or are were "
         "data mesh table column parquet iceberg schema contract quality policy training model "
         "pipeline batch record field value null integer string timestamp decimal partition "
         "snapshot manifest owner domain product consumer producer lineage glossary steward").split()


def text(seed, size):
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < size:
        r = rng.random()
        if r < 0.08:
            out += str(rng.randrange(0, 100000)).encode()
        else:
            out += WORDS[min(int(rng.expovariate(0.08)), len(WORDS) - 1)].encode()
        out += b"." if rng.random() < 0.05 else b" "
        if rng.random() < 0.02:
            out += b"\n"
    return bytes(out[:size])


def random_bytes(seed, size):
    return random.Random(seed).randbytes(size)


def runs(seed, size):
    rng = random.Random(seed)
    out = bytearray()
    while len(out) < size:
        if rng.random() < 0.3:
            out += bytes([rng.randrange(256)]) * rng.randrange(200, 150000)
        else:
            out += text(rng.randrange(1 << 30), rng.randrange(50, 3000))
    return bytes(out[:size])


def int64_column(seed, count):
    """Plain-encoded int64 values: slowly growing ids with repeated deltas (repeat offsets)."""
    rng = random.Random(seed)
    value, out = 1_000_000, bytearray()
    for _ in range(count):
        value += rng.choice((1, 1, 1, 2, 5, 1000))
        out += struct.pack("<q", value)
    return bytes(out)


def long_distance(seed):
    """A random 24 KiB chunk, 1.5 MiB of repetitive filler, then the chunk again (offset > 1 MiB)."""
    rng = random.Random(seed)
    chunk = rng.randbytes(24 * 1024)
    filler = bytearray()
    while len(filler) < 1536 * 1024:
        filler += (b"%08d|" % rng.randrange(4)) * 64
    return chunk + bytes(filler) + chunk


def rle_literals(seed):
    """Random 16-byte chunks, zero padding to one full block, then every chunk once, each after a
    'Z': the second block's literals are all 'Z' (RLE literals)."""
    rng = random.Random(seed)
    chunks = [rng.randbytes(16) for _ in range(300)]
    head = b"".join(chunks)
    head += bytes(128 * 1024 - len(head))
    rng.shuffle(chunks)
    return head + b"".join(b"Z" + c for c in chunks)


def nibbles(seed, size):
    """Skewed bytes 0...11: a tiny alphabet whose Huffman weights are stored directly."""
    rng = random.Random(seed)
    return bytes(min(int(rng.expovariate(0.5)), 11) for _ in range(size))


def compressor(level, checksum=True, content_size=True, **params):
    if params:
        p = zstd.ZstdCompressionParameters.from_level(level, write_checksum=checksum,
                                                      write_content_size=content_size, **params)
        return zstd.ZstdCompressor(compression_params=p)
    return zstd.ZstdCompressor(level=level, write_checksum=checksum, write_content_size=content_size)


def skippable(payload):
    return struct.pack("<II", 0x184D2A53, len(payload)) + payload


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    t = text(1, 160_000)
    small = text(2, 200)
    fixtures = {
        "text-level1": (t, compressor(1).compress(t)),
        "text-level3-nochecksum": (t[:60_000], compressor(3, checksum=False).compress(t[:60_000])),
        "text-level19": (t, compressor(19).compress(t)),
        "small-text-level3": (small, compressor(3).compress(small)),
        "random-level3": (random_bytes(3, 8_000), compressor(3).compress(random_bytes(3, 8_000))),
        "runs-level3": (runs(4, 400_000), compressor(3).compress(runs(4, 400_000))),
        "int64-level3": (int64_column(5, 12_000), compressor(3).compress(int64_column(5, 12_000))),
        "int64-level19": (int64_column(5, 12_000), compressor(19).compress(int64_column(5, 12_000))),
        "rle-literals-level19": (rle_literals(11), compressor(19).compress(rle_literals(11))),
        "nibbles-level3": (nibbles(12, 3000), compressor(3).compress(nibbles(12, 3000))),
        "empty-level3": (b"", compressor(3).compress(b"")),
    }
    # Content size absent (streaming-style header with a window descriptor).
    cobj = compressor(3, content_size=False).compressobj()
    fixtures["text-no-content-size"] = (t[:40_000], cobj.compress(t[:40_000]) + cobj.flush())
    # Several frames back to back with a skippable frame between them.
    a, b, c = text(6, 5_000), random_bytes(7, 3_000), text(8, 70_000)
    multi = compressor(1).compress(a) + skippable(b"meshwork") + compressor(19, checksum=False).compress(b) \
        + compressor(3).compress(c)
    fixtures["multi-frame"] = (a + b + c, multi)
    # Long-distance matching with a large window.
    ld = long_distance(9)
    fixtures["long-distance"] = (ld, compressor(19, enable_ldm=True, window_log=22).compress(ld))

    manifest = {}
    total = 0
    for name, (original, frame) in sorted(fixtures.items()):
        assert zstd.ZstdDecompressor().decompressobj().decompress(frame) == original or name == "multi-frame"
        with open(os.path.join(here, name + ".zst"), "wb") as f:
            f.write(frame)
        total += len(frame)
        manifest[name] = {"size": len(original), "xxh64": "%016x" % xxh64(original)}
    # Cross-check the pure-Python XXH64 against libzstd's content checksum.
    for sample in (t, small, b"", random_bytes(10, 1000)):
        frame = compressor(3).compress(sample)
        assert struct.unpack("<I", frame[-4:])[0] == xxh64(sample) & 0xFFFFFFFF
    with open(os.path.join(here, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2, sort_keys=True)
        f.write("\n")
    print("wrote %d fixtures, %d bytes" % (len(fixtures), total))


if __name__ == "__main__":
    main()

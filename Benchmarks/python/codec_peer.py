"""cramjam side of the codec benchmark: compress/decompress the same data in the same pages.

Prints {"snappy": {"compress": s, "decompress": s, "ratio": r}, ...} (seconds, best of N).
gzip uses level 6 (like ours), zstd level 1 (ours has one level, close to libzstd's level 1).
"""
import json, sys, time
import cramjam

path, page, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = open(path, "rb").read()
pages = [data[i:i + page] for i in range(0, len(data), page)]
codecs = {
    "snappy": (lambda b: cramjam.snappy.compress_raw(b), lambda b: cramjam.snappy.decompress_raw(b)),
    "gzip": (lambda b: cramjam.gzip.compress(b, level=6), lambda b: cramjam.gzip.decompress(b)),
    "zstd": (lambda b: cramjam.zstd.compress(b, level=1), lambda b: cramjam.zstd.decompress(b)),
}

def best(fn, n):
    t = float("inf")
    for _ in range(n):
        s = time.perf_counter(); fn(); t = min(t, time.perf_counter() - s)
    return t

out = {}
for name, (comp, decomp) in codecs.items():
    compressed = []
    c = best(lambda: compressed.__setitem__(slice(None), [bytes(comp(p)) for p in pages]), 1 if name == "gzip" else repeats)
    d = best(lambda: [decomp(p) for p in compressed], repeats)
    out[name] = {"compress": c, "decompress": d, "ratio": sum(map(len, compressed)) / len(data)}
print(json.dumps(out))

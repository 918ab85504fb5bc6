"""Generates Examples/transactions.csv (deterministic; Python standard library only).

5,000 settled card transactions over 2026-11-18 .. 2026-11-20 that satisfy
payments-transactions.odcs.yaml. Rerunning it reproduces the committed file byte for byte.
Pass --bad to print a broken variant instead (negative amounts, unknown currencies, duplicates).
"""
import csv, random, sys
from datetime import datetime, timedelta, timezone

bad = "--bad" in sys.argv
rng = random.Random(7)
start = datetime(2026, 11, 18, 0, 0, tzinfo=timezone.utc)
currencies = ["EUR"] * 6 + ["USD"] * 3 + ["GBP", "CHF", "SEK"]
channels = ["online", "in_store", "contactless", "recurring"]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["transaction_id", "merchant_id", "customer_id", "amount", "currency", "channel", "event_time"])
for i in range(5000):
    t = start + timedelta(seconds=i * 51 + rng.randrange(50))
    amount = round(rng.lognormvariate(3.5, 1.0), 2)
    currency = rng.choice(currencies)
    channel = rng.choice(channels) if rng.random() > 0.01 else ""
    tid = f"tx-{i:07d}"
    if bad and i % 50 == 0:
        amount, currency = -amount, "XXX"
    if bad and i % 97 == 0 and i > 0:
        tid = f"tx-{i - 1:07d}"
    out.writerow([tid, f"m-{rng.randrange(400):04d}", f"c-{rng.randrange(2000):05d}",
                  f"{amount:.2f}", currency, channel, t.strftime("%Y-%m-%dT%H:%M:%SZ")])

"""Regenerates the golden fixtures in this folder (see README.md).

Usage (from the repository root): /work/venv/bin/python Tests/ParquetTests/Fixtures/make_fixtures.py
"""
import json, os, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from canonical import canon_table  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

names = json.loads(subprocess.check_output([sys.executable, os.path.join(here, 'generate_interop.py'), here, '40']))
for name in names:
    table = pq.read_table(os.path.join(here, name + '.parquet'))
    with open(os.path.join(here, name + '.json'), 'w') as f:
        json.dump(canon_table(table), f, ensure_ascii=False, sort_keys=True)
print('\n'.join(names))

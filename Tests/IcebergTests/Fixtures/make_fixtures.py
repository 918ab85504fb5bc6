"""Generate the Iceberg golden fixtures with pyiceberg (see README.md).

Usage: python make_fixtures.py OUTPUT_DIR

Creates two tables with pyiceberg's SqlCatalog (sqlite catalog + local warehouse in a temporary
directory), then copies every metadata.json, manifest list and manifest (Avro) into OUTPUT_DIR,
renamed to stable names, plus `expected.json` with the values the Swift tests check.
Data (Parquet) files are not copied.
"""
import json
import os
import shutil
import sys
import tempfile
from datetime import date, datetime, timezone
from decimal import Decimal

import pyarrow as pa
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.partitioning import PartitionField, PartitionSpec
from pyiceberg.schema import Schema
from pyiceberg.transforms import BucketTransform, DayTransform, IdentityTransform
from pyiceberg.types import (DateType, DecimalType, DoubleType, LongType, NestedField, StringType,
                             TimestamptzType)

out = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="iceberg-fixtures-")
warehouse = os.path.join(work, "warehouse")
os.makedirs(warehouse)
catalog = SqlCatalog("fixtures", uri=f"sqlite:///{work}/catalog.db", warehouse=f"file://{warehouse}")
catalog.create_namespace("db")

# Table 1: plain table, two appends, then schema evolution (add a column) and a third append.
schema = Schema(
    NestedField(1, "id", LongType(), required=True),
    NestedField(2, "name", StringType(), required=False),
    NestedField(3, "price", DecimalType(9, 2), required=False),
    NestedField(4, "day", DateType(), required=False),
    identifier_field_ids=[1],
)
events = catalog.create_table("db.events", schema=schema, properties={"owner": "meshwork"})
arrow_schema = pa.schema([
    pa.field("id", pa.int64(), nullable=False),
    pa.field("name", pa.string()),
    pa.field("price", pa.decimal128(9, 2)),
    pa.field("day", pa.date32()),
])
events.append(pa.table({
    "id": [1, 2, 3],
    "name": ["alpha", "beta", None],
    "price": [Decimal("1.50"), Decimal("-2.25"), Decimal("10.00")],
    "day": [date(2026, 1, 1), date(2026, 1, 2), date(2026, 1, 3)],
}, schema=arrow_schema))
events.append(pa.table({
    "id": [10, 20],
    "name": ["gamma", "delta"],
    "price": [None, Decimal("0.01")],
    "day": [date(2025, 12, 31), None],
}, schema=arrow_schema))
with events.update_schema() as update:
    update.add_column("score", DoubleType(), doc="model score")
events = catalog.load_table("db.events")
events.append(pa.table({
    "id": [100],
    "name": ["epsilon"],
    "price": [Decimal("3.14")],
    "day": [date(2026, 2, 1)],
    "score": [0.5],
}, schema=pa.schema(list(arrow_schema) + [pa.field("score", pa.float64())])))
events = catalog.load_table("db.events")

# Table 2: partitioned by identity(category), day(ts), bucket[4](id).
pschema = Schema(
    NestedField(1, "id", LongType(), required=True),
    NestedField(2, "category", StringType(), required=False),
    NestedField(3, "ts", TimestamptzType(), required=False),
)
spec = PartitionSpec(
    PartitionField(source_id=2, field_id=1000, transform=IdentityTransform(), name="category"),
    PartitionField(source_id=3, field_id=1001, transform=DayTransform(), name="ts_day"),
    PartitionField(source_id=1, field_id=1002, transform=BucketTransform(4), name="id_bucket"),
)
parts = catalog.create_table("db.parts", schema=pschema, partition_spec=spec)
parts.append(pa.table({
    "id": [1, 2, 3],
    "category": ["a", "a", "b"],
    "ts": [datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc), datetime(2026, 3, 1, 13, 0, tzinfo=timezone.utc),
           datetime(2026, 3, 2, 0, 30, tzinfo=timezone.utc)],
}, schema=pa.schema([pa.field("id", pa.int64(), nullable=False), pa.field("category", pa.string()),
                     pa.field("ts", pa.timestamp("us", tz="UTC"))])))
parts = catalog.load_table("db.parts")

os.makedirs(out, exist_ok=True)
expected = {}


def copy_table(table, prefix):
    meta_dir = os.path.join(warehouse, "db", prefix, "metadata")
    names = {}
    md = table.metadata
    # metadata.json files, in version order
    jsons = sorted(f for f in os.listdir(meta_dir) if f.endswith(".metadata.json"))
    for i, f in enumerate(jsons):
        shutil.copy(os.path.join(meta_dir, f), os.path.join(out, f"{prefix}-v{i}.metadata.json"))
    info = {"metadata_files": len(jsons), "snapshots": []}
    for s_index, snap in enumerate(md.snapshots):
        ml_name = f"{prefix}-snap{s_index}-manifest-list.avro"
        shutil.copy(snap.manifest_list.replace("file://", ""), os.path.join(out, ml_name))
        manifests = []
        for m_index, mf in enumerate(snap.manifests(table.io)):
            m_name = names.get(mf.manifest_path)
            if m_name is None:
                m_name = f"{prefix}-manifest{len(names)}.avro"
                names[mf.manifest_path] = m_name
                shutil.copy(mf.manifest_path.replace("file://", ""), os.path.join(out, m_name))
            entries = []
            for e in mf.fetch_manifest_entry(table.io, discard_deleted=False):
                df = e.data_file
                entries.append({
                    "status": int(e.status),
                    "snapshot_id": e.snapshot_id,
                    "sequence_number": e.sequence_number,
                    "file_path": df.file_path,
                    "record_count": df.record_count,
                    "file_size_in_bytes": df.file_size_in_bytes,
                    "partition": [str(v) if v is not None else None for v in df.partition],
                    "value_counts": {str(k): v for k, v in (df.value_counts or {}).items()},
                    "null_value_counts": {str(k): v for k, v in (df.null_value_counts or {}).items()},
                    "lower_bounds_hex": {str(k): v.hex() for k, v in (df.lower_bounds or {}).items()},
                    "upper_bounds_hex": {str(k): v.hex() for k, v in (df.upper_bounds or {}).items()},
                })
            manifests.append({
                "file": m_name,
                "manifest_path": mf.manifest_path,
                "manifest_length": mf.manifest_length,
                "partition_spec_id": mf.partition_spec_id,
                "sequence_number": mf.sequence_number,
                "min_sequence_number": mf.min_sequence_number,
                "added_snapshot_id": mf.added_snapshot_id,
                "added_files_count": mf.added_files_count,
                "existing_files_count": mf.existing_files_count,
                "added_rows_count": mf.added_rows_count,
                "entries": entries,
            })
        info["snapshots"].append({
            "snapshot_id": snap.snapshot_id,
            "parent_snapshot_id": snap.parent_snapshot_id,
            "sequence_number": snap.sequence_number,
            "schema_id": snap.schema_id,
            "timestamp_ms": snap.timestamp_ms,
            "manifest_list_file": ml_name,
            "summary": {k: v for k, v in snap.summary.additional_properties.items()} | {"operation": snap.summary.operation.value},
            "manifests": manifests,
        })
    info["table_uuid"] = str(md.table_uuid)
    info["current_snapshot_id"] = md.current_snapshot_id
    info["current_schema_id"] = md.current_schema_id
    info["last_column_id"] = md.last_column_id
    expected[prefix] = info


copy_table(events, "events")
copy_table(parts, "parts")
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=2, sort_keys=True)
shutil.rmtree(work)
print("wrote fixtures to", out)

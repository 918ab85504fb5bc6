"""Canonical JSON forms of Arrow values for exact comparison with Meshwork (see InteropSupport.swift)."""
import json, sys, struct, datetime, uuid as uuidlib
import pyarrow as pa
import pyarrow.compute as pc
import decimal
decimal.getcontext().prec = 100

def canon_value(v, t, name):
    if v is None:
        return None
    if isinstance(t, pa.ExtensionType):
        t = t.storage_type
    if pa.types.is_list(t) or pa.types.is_large_list(t) or getattr(pa.types, 'is_list_view', lambda _: False)(t):
        return [canon_value(x, t.value_type, name) for x in v]
    if isinstance(v, uuidlib.UUID):
        return v.hex
    if pa.types.is_boolean(t):
        return bool(v)
    if pa.types.is_integer(t):
        return int(v)
    if pa.types.is_floating(t):
        return struct.unpack('<q', struct.pack('<d', float(v)))[0]
    if pa.types.is_decimal(t):
        return str(int(v.scaleb(t.scale)))
    if pa.types.is_date(t):
        return (v - datetime.date(1970, 1, 1)).days
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    if isinstance(v, str):
        if name == 'u' and len(v) == 36 and v.count('-') == 4:
            return v.replace('-', '').lower()
        return v
    raise TypeError(f'column {name}: cannot canonicalize {type(v)} of {t}')

def canon_column(col, name):
    t = col.type
    if isinstance(t, pa.ExtensionType):
        col = pa.chunked_array([c.storage for c in col.chunks], type=t.storage_type)
        t = t.storage_type
    if pa.types.is_timestamp(t):
        col = pc.cast(col, pa.timestamp('ns', tz=t.tz)).cast(pa.int64())
        t = pa.int64()
    if (pa.types.is_list(t) or pa.types.is_large_list(t)) and pa.types.is_timestamp(t.value_type):
        raise TypeError('list<timestamp> not used in tests')
    return [canon_value(v, t, name) for v in col.to_pylist()]

def canon_table(tbl):
    return {name: canon_column(tbl.column(name), name) for name in tbl.column_names}

def compare(expected, actual, label):
    problems = []
    for name in expected:
        if name not in actual:
            problems.append(f'{label}: column {name} missing')
            continue
        e, a = expected[name], actual[name]
        if len(e) != len(a):
            problems.append(f'{label}: column {name} has {len(a)} rows, expected {len(e)}')
            continue
        for i, (x, y) in enumerate(zip(e, a)):
            if x != y:
                problems.append(f'{label}: column {name} row {i}: expected {x!r}, got {y!r}')
                break
    return problems

#!/usr/bin/python3
"""Writes the numpy fixtures of the C# .npy/.npz reader tests, and expected.json describing them.

Run with Debian's numpy (apt-get install python3-numpy): /usr/bin/python3 make_fixtures.py [output-dir]
Every file is written by numpy itself (np.save, np.savez, np.savez_compressed, or numpy.lib.format for the
format 2.0/3.0 headers); expected.json records what numpy reads back from each file.
"""
import hashlib
import json
import os
import sys

import numpy as np
from numpy.lib import format as npformat

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))


def describe(a):
    """dtype name, shape, the sha256 of the C-order little-endian bytes, and the values (complex as [re, im])."""
    a = np.asarray(a)
    le = np.ascontiguousarray(a.astype(a.dtype.newbyteorder('<')))
    values = le.ravel().tolist()
    if a.dtype.kind == 'c':
        values = [[v.real, v.imag] for v in values]
    elif a.dtype.kind == 'f':
        values = [repr(float(v)) for v in values]  # keeps nan/inf/-0.0 exact
    return {"dtype": a.dtype.name, "shape": list(a.shape), "sha256": hashlib.sha256(le.tobytes()).hexdigest(), "values": values}


def sample(dtype, shape=(2, 3)):
    n = int(np.prod(shape))
    if np.dtype(dtype).kind == 'b':
        base = np.arange(n) % 3 == 1
    elif np.dtype(dtype).kind == 'c':
        base = np.arange(n) - 2.5 + 1j * (np.arange(n) * 0.25)
    elif np.dtype(dtype).kind == 'f':
        base = np.arange(n) * 1.5 - 2.25
    elif np.dtype(dtype).kind == 'u':
        base = [int(np.iinfo(dtype).max) - i for i in range(n)]  # Python ints: exact up to 2^64 - 1
    else:
        base = [int(np.iinfo(dtype).min) + 7 * i for i in range(n)]
    return np.array(base, dtype=dtype).reshape(shape)


files = []
dtypes = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]

for name in dtypes:
    a = sample(name)
    np.save(os.path.join(out, f"{name}.npy"), a)
    files.append({"file": f"{name}.npy", "array": describe(a)})

    big = a.astype(a.dtype.newbyteorder('>'))
    np.save(os.path.join(out, f"{name}_big_endian.npy"), big)
    files.append({"file": f"{name}_big_endian.npy", "array": describe(big)})

special = {
    "float64_special.npy": np.array([np.nan, np.inf, -np.inf, -0.0, 5e-324, 1.7976931348623157e308]),
    "scalar0d.npy": np.array(3.25, dtype=np.float32),
    "empty.npy": np.zeros((0, 3), dtype=np.int32),
    "fortran.npy": np.asfortranarray(np.arange(24, dtype=np.int32).reshape(2, 3, 4)),
    "fortran_big_endian.npy": np.asfortranarray(np.arange(12, dtype='>f8').reshape(3, 4)),
    "transposed.npy": np.arange(6, dtype=np.float32).reshape(2, 3).T,
}
for file, a in special.items():
    np.save(os.path.join(out, file), a)
    files.append({"file": file, "array": describe(a)})

# Format versions 2.0 and 3.0 (numpy chooses them only for huge or non-latin1 headers, so ask for them).
for version in [(2, 0), (3, 0)]:
    file = f"version{version[0]}.npy"
    a = np.arange(5, dtype=np.int16)
    with open(os.path.join(out, file), "wb") as f:
        npformat.write_array(f, a, version=version)
    files.append({"file": file, "array": describe(a)})

archive = {
    "encoder.weight": sample("float32", (3, 2)),
    "encoder.bias": sample("float32", (2,)),
    "decoder.weight": sample("float64", (2, 2)),
    "step": np.array(42, dtype=np.int64),
    "empty": np.zeros((0,), dtype=np.float32),
    "mask": sample("bool", (4,)),
    "big": sample("int64", (3,)).astype('>i8'),
    "fortran": np.asfortranarray(sample("float32", (2, 3))),
    "z": sample("complex64", (2,)),
}
positional = [sample("uint16", (3,)), sample("int8", (2, 2))]
for file, save in [("savez.npz", np.savez), ("savez_compressed.npz", np.savez_compressed)]:
    save(os.path.join(out, file), *positional, **archive)
    with np.load(os.path.join(out, file)) as loaded:
        files.append({"file": file, "names": list(loaded.files), "arrays": {k: describe(loaded[k]) for k in loaded.files}})

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({"numpy": np.__version__, "files": files}, f, indent=1)
    f.write("\n")

#!/usr/bin/python3
"""Writes the safetensors fixtures of the C# reader tests with an independent writer that follows the format
(https://github.com/huggingface/safetensors, README "Format"): json + struct + numpy, no safetensors library.

Run with Debian's numpy (apt-get install python3-numpy): /usr/bin/python3 make_fixtures.py [output-dir]
expected.json records, for each file, the tensors (dtype as numpy names it, shape, sha256 of the little-endian
C-order bytes) and the metadata.
"""
import hashlib
import json
import os
import struct
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

# safetensors dtype name -> (numpy dtype, name the C# library gives it)
NAMES = {"BOOL": ("bool", "bool"), "U8": ("uint8", "uint8"), "I8": ("int8", "int8"), "I16": ("int16", "int16"),
         "U16": ("uint16", "uint16"), "F16": ("float16", "float16"), "BF16": ("uint16", "bfloat16"),
         "I32": ("int32", "int32"), "U32": ("uint32", "uint32"), "F32": ("float32", "float32"),
         "C64": ("complex64", "complex64"), "F64": ("float64", "float64"), "I64": ("int64", "int64"),
         "U64": ("uint64", "uint64")}


def write(path, tensors, metadata=None, order=None, pad=b" "):
    """tensors: {name: (safetensors dtype, array)}; data is laid out in `order` (default: as given)."""
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name in order or list(tensors):
        dtype, array = tensors[name]
        data = np.ascontiguousarray(array).astype(np.dtype(NAMES[dtype][0]).newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode("utf-8")  # with spaces after separators: any valid JSON is allowed
    text += pad * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def describe(dtype, array):
    le = np.ascontiguousarray(array).astype(np.dtype(NAMES[dtype][0]).newbyteorder("<"))
    return {"dtype": NAMES[dtype][1], "shape": list(array.shape), "sha256": hashlib.sha256(le.tobytes()).hexdigest()}


def sample(dtype, shape):
    n = int(np.prod(shape))
    kind = np.dtype(NAMES[dtype][0]).kind
    if kind == "b":
        return (np.arange(n) % 3 == 0).reshape(shape)
    if kind == "c":
        return (np.arange(n) * 0.5 - 1 + 1j * np.arange(n)).astype(np.complex64).reshape(shape)
    if kind == "f":
        return (np.arange(n) * 0.75 - 3).astype(NAMES[dtype][0]).reshape(shape)
    info = np.iinfo(NAMES[dtype][0])
    return np.array([int(info.max) - 3 * i if i % 2 else int(info.min) + i for i in range(n)], dtype=NAMES[dtype][0]).reshape(shape)


files = []

every = {f"t.{name.lower()}": (name, sample(name, (2, 3))) for name in NAMES}
write(os.path.join(out, "every_dtype.safetensors"), every, metadata={"format": "np", "note": "written by make_fixtures.py"})
files.append({"file": "every_dtype.safetensors", "metadata": {"format": "np", "note": "written by make_fixtures.py"},
              "tensors": {k: describe(*v) for k, v in every.items()}})

model = {
    "model.layers.0.weight": ("F32", sample("F32", (4, 3))),
    "model.layers.0.bias": ("F32", sample("F32", (4,))),
    "model.layers.1.weight": ("BF16", sample("BF16", (2, 4))),
    "model.norm.scale": ("F16", sample("F16", (2,))),
    "model.step": ("I64", np.array(1234, dtype=np.int64)),
    "model.empty": ("F32", np.zeros((0, 5), dtype=np.float32)),
}
# Name order in the header, data in another order: readers must go by the offsets.
write(os.path.join(out, "model.safetensors"), model, order=sorted(model, reverse=True))
files.append({"file": "model.safetensors", "metadata": None, "tensors": {k: describe(*v) for k, v in model.items()}})

write(os.path.join(out, "no_tensors.safetensors"), {}, metadata={"empty": ""})
files.append({"file": "no_tensors.safetensors", "metadata": {"empty": ""}, "tensors": {}})

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump({"files": files}, f, indent=1)
    f.write("\n")

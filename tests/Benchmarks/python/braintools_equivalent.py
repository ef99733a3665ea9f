#!/usr/bin/python3
"""Python braintools' msgpack checkpoint algorithm, re-implemented for the side-by-side benchmark.

Reference: braintools/file/_msg_checkpoint.py (``msgpack_save`` / ``msgpack_load``), Apache-2.0,
https://github.com/chaobrain/braintools/blob/main/braintools/file/_msg_checkpoint.py (itself derived from flax's
serialization module). braintools needs jax, brainstate and brainunit, none of which can be installed here, so this
file re-implements (does not copy) the same algorithm with numpy and msgpack only: the same state-dict walk with
its type registry, the same msgpack ext encoding (1 = ndarray, 2 = complex, 3 = numpy scalar), the same chunking of
arrays above 2^30 bytes, the same write (unique temporary file, then ``os.replace``; braintools does not fsync) and
the same load (whole-file read, threaded for files above 128 MB; ``unpackb`` with the ext hook; un-chunking;
restore into the caller's target tree, building every per-node error message eagerly as braintools does). The
jax/brainstate/brainunit types are empty stand-ins so the registry has upstream's nine entries.

This is a benchmark aid, never a test. Commands (always run with Debian's /usr/bin/python3):
  measure NAME DIR        time one scenario (py.tree.save, py.tree.load, py.big.save, py.big.load, and the
                          +fsync save variants) and print the side-by-side runner's tab-separated line
  write-tree wide|big N PATH  write the wide tree with N layers, or the big tree with N tensors of N elements
                          (for the runner's byte-identity check against MsgPackCheckpoint.Save)
  check-fixtures [DIR]    load every braintools fixture, compare with expected.json, save it again and compare bytes
"""

import contextlib
import gc
import hashlib
import json
import math
import os
import statistics
import sys
import threading
import time
import uuid
import warnings
from concurrent.futures import ThreadPoolExecutor

import msgpack
import numpy as np

CHUNK_LIMIT = 1 << 30            # upstream MAX_CHUNK_SIZE
PARALLEL_READ_BLOCK = 128 << 20  # upstream PARALLEL_READ_BUF_SIZE
EXT_NDARRAY, EXT_COMPLEX, EXT_NPSCALAR = 1, 2, 3
CHUNKED_MARKER = '__msgpack_chunked_array__'


# --- stand-ins for the jax / brainstate / brainunit types upstream registers (only isinstance/issubclass hit them)
class JaxArray: pass
class BrainState: pass
class FlattedDict(dict): pass
class Quantity: pass
class Partial: pass
class NamedTupleMarker: pass


# --- state dicts: a registry of (to_state, from_state) per type; the most derived registered base class wins
registry = {}
_path = threading.local()


def _current_path():
    return '/'.join(getattr(_path, 'names', []))


@contextlib.contextmanager
def _entered(name):
    names = _path.__dict__.setdefault('names', [])
    names.append(name)
    try:
        yield
    finally:
        names.pop()


def _handler(value):
    kind = NamedTupleMarker if isinstance(value, tuple) and hasattr(value, '_fields') else type(value)
    matches = [t for t in registry if issubclass(kind, t)]
    return registry[max(matches, key=lambda t: len(t.__mro__))] if matches else None


def _check_mode(mode):
    if mode not in ('error', 'warn', 'ignore'):
        raise ValueError(f'mismatch mode {mode!r}')


def mismatch_check(failed, message, mode):
    if failed:
        if mode == 'error':
            raise ValueError(message)
        if mode == 'warn':
            warnings.warn(message, UserWarning)


def to_state_dict(value):
    handler = _handler(value)
    if handler is None:
        return value
    state = handler[0](value)
    if isinstance(state, dict):
        for key in state:
            if not isinstance(key, str):
                raise TypeError(f'state dict key {key!r} is not a string')
    return state


def from_state_dict(target, state, name='.', mode='error'):
    _check_mode(mode)
    handler = _handler(target)
    if handler is None:
        return state
    with _entered(name):
        return handler[1](target, state, mode)


def _dict_to_state(d):
    if isinstance(d, FlattedDict):
        raise NotImplementedError('flattened dicts are not part of the benchmark')
    if len({str(k) for k in d}) != len(d):
        raise ValueError('dict keys collide as strings')
    return {str(k): to_state_dict(v) for k, v in d.items()}


def _dict_from_state(target, state, mode):
    if isinstance(target, FlattedDict) or isinstance(state, FlattedDict):
        raise NotImplementedError('flattened dicts are not part of the benchmark')
    missing = set(map(str, target)).difference(state.keys())
    message = f'target keys {missing} not in the state dict at path {_current_path()}'  # eager, as upstream
    mismatch_check(bool(missing), message, mode)
    restored = {}
    for key, value in target.items():
        name = str(key)
        restored[key] = from_state_dict(value, state[name], name, mode) if name in state else value
    return restored


def _list_to_state(items):
    return {str(i): to_state_dict(v) for i, v in enumerate(items)}


def _list_from_state(target, state, mode):
    message = f'list of {len(target)} and state dict of {len(state)} at path {_current_path()}'
    mismatch_check(len(state) != len(target), message, mode)
    count = min(len(target), len(state))
    return [from_state_dict(target[i], state[str(i)], str(i), mode) for i in range(count)] + list(target[count:])


def _array_from_state(target, state, mode):
    if hasattr(target, 'shape') and hasattr(state, 'shape'):
        message = f'shape {tuple(target.shape)} expected, got {tuple(state.shape)} at path {_current_path()}'
        mismatch_check(tuple(target.shape) != tuple(state.shape), message, mode)
    return state


def _unsupported(*_):
    raise NotImplementedError('not part of the benchmark')


registry.update({
    list: (_list_to_state, _list_from_state),
    tuple: (_list_to_state, lambda t, s, m: tuple(_list_from_state(list(t), s, m))),
    dict: (_dict_to_state, _dict_from_state),
    NamedTupleMarker: (_unsupported, _unsupported),
    Quantity: (_unsupported, _unsupported),
    BrainState: (_unsupported, _unsupported),
    Partial: (_unsupported, _unsupported),
    np.ndarray: (lambda a: a, _array_from_state),
    JaxArray: (lambda a: a, _array_from_state),
})


# --- msgpack ext encoding: an array is ext 1 holding msgpack [shape, dtype name, C-order bytes]
def _array_payload(array):
    if array.dtype.hasobject or array.dtype.isalignedstruct:
        raise ValueError('object and structured dtypes are not supported')
    return msgpack.packb((array.shape, array.dtype.name, array.tobytes('C')), use_bin_type=True)


def _array_from_payload(payload):
    shape, dtype, data = msgpack.unpackb(payload, raw=True)
    if dtype == b'bfloat16':
        raise NotImplementedError('bfloat16 needs jax')
    return np.frombuffer(data, dtype=np.dtype(dtype), count=-1, offset=0).reshape(shape, order='C')


def _encode_ext(value):
    if isinstance(value, (np.ndarray, JaxArray)):
        return msgpack.ExtType(EXT_NDARRAY, _array_payload(value))
    if issubclass(type(value), np.generic):
        return msgpack.ExtType(EXT_NPSCALAR, _array_payload(np.asarray(value)))
    if isinstance(value, complex):
        return msgpack.ExtType(EXT_COMPLEX, msgpack.packb((value.real, value.imag)))
    return value


def _decode_ext(code, payload):
    if code == EXT_NDARRAY:
        return _array_from_payload(payload)
    if code == EXT_COMPLEX:
        real, imag = msgpack.unpackb(payload)
        return complex(real, imag)
    if code == EXT_NPSCALAR:
        return _array_from_payload(payload)[()]
    return msgpack.ExtType(code, payload)


def _split_big_arrays(node, limit):
    """Upstream's two in-place walks before packing: jax arrays to numpy (none here), then arrays above the limit
    to {marker: True, 'shape': {'0': ...}, 'chunks': {'0': flat slice, ...}}."""
    def chunked(a):
        step = max(1, int(limit / a.dtype.itemsize))
        flat = a.reshape(-1)
        return {CHUNKED_MARKER: True, 'shape': {str(i): n for i, n in enumerate(a.shape)},
                'chunks': {str(i): flat[s:s + step] for i, s in enumerate(range(0, flat.size, step))}}

    def walk_jax(d):
        for k, v in d.items():
            if isinstance(v, JaxArray):
                raise NotImplementedError('jax arrays')
            if isinstance(v, dict):
                walk_jax(v)

    def walk_chunks(d):
        for k, v in d.items():
            if isinstance(v, np.ndarray):
                if v.size * v.dtype.itemsize > limit:
                    d[k] = chunked(v)
            elif isinstance(v, dict):
                walk_chunks(v)

    if isinstance(node, dict):
        walk_jax(node)
        walk_chunks(node)
        return node
    return chunked(node) if isinstance(node, np.ndarray) and node.size * node.dtype.itemsize > limit else node


def _join_chunks(node):
    def joined(d):
        shape = tuple(d['shape'][str(i)] for i in range(len(d['shape'])))
        return np.concatenate([d['chunks'][str(i)] for i in range(len(d['chunks']))]).reshape(shape)

    if not isinstance(node, dict):
        return node
    if CHUNKED_MARKER in node:
        return joined(node)
    for k, v in node.items():
        if isinstance(v, dict):
            node[k] = joined(v) if CHUNKED_MARKER in v else _join_chunks(v)
    return node


def to_bytes(tree, limit=CHUNK_LIMIT):
    state = _split_big_arrays(to_state_dict(tree), limit)
    return msgpack.packb(state, default=_encode_ext, strict_types=True)


def save(path, tree, fsync=False, limit=CHUNK_LIMIT):
    """msgpack_save(path, tree) without async: serialise, write a unique temporary file, os.replace it.
    fsync=True adds what braintools leaves out and our AtomicFile does: fsync of the file and of its directory."""
    path = os.fspath(path)
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    data = to_bytes(tree, limit)
    temporary = f'{path}.tmp-{uuid.uuid4().hex}'
    try:
        with open(temporary, 'wb') as f:
            f.write(data)
            if fsync:
                f.flush()
                os.fsync(f.fileno())
        if os.path.exists(temporary):
            os.replace(temporary, path)
        if fsync:
            directory = os.open(folder or '.', os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise
    return path


def _read_all(path):
    size = os.path.getsize(path)
    with open(path, 'rb') as f:
        if not (f.seekable() and size > PARALLEL_READ_BLOCK):
            return f.read()
        contents = bytearray(size)

        def read_block(i):
            with open(path, 'rb') as g:
                g.seek(i * PARALLEL_READ_BLOCK)
                block = g.read(PARALLEL_READ_BLOCK)
                contents[i * PARALLEL_READ_BLOCK:i * PARALLEL_READ_BLOCK + len(block)] = block
                return len(block)

        with ThreadPoolExecutor(min(32, max(1, os.cpu_count() or 1))) as pool:
            list(pool.map(read_block, range(-(-size // PARALLEL_READ_BLOCK))))
        return contents


def load(path, target=None, mode='error'):
    """msgpack_load(path, target): read the file, decode it, join chunked arrays, restore into target."""
    _check_mode(mode)
    path = os.fspath(path)
    if not os.path.exists(path):
        raise ValueError(f'Checkpoint not found: {path}')
    state = _join_chunks(msgpack.unpackb(_read_all(path), ext_hook=_decode_ext, raw=False))
    return state if target is None else from_state_dict(target, state, mode=mode)


# --- the benchmark's trees (the same as tests/Benchmarks/SideBySide/Scenarios.cs)
WIDE_LAYERS, BIG_TENSORS, BIG_ELEMENTS = 100_000, 16, 16 << 20


def wide_tree(value, layers=WIDE_LAYERS):
    return {'layers': {str(i): {'weight': np.full(16, value + i, dtype=np.float32)} for i in range(layers)}}


def big_tree(zero=False, tensors=BIG_TENSORS, elements=BIG_ELEMENTS):
    """What the generated code of BigNet (tests/Benchmarks/WideNet.cs) saves."""
    return {'Weights': {str(i): {'W': np.full(elements, 0 if zero else i + 0.5, dtype=np.float32)}
                        for i in range(tensors)}}


# --- measuring, the way SideBySide/Measure.cs does: warm-up, timed repetitions (median wall and CPU), then one
# run between a reset of the resident high-water mark (/proc/self/clear_refs) and a read of VmHWM
def _status_bytes(field):
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _reset_peak():
    try:
        with open('/proc/self/clear_refs', 'w') as f:
            f.write('5')
    except OSError:
        pass
    return _status_bytes('VmRSS:')


def measure(name, repetitions, operation):
    operation()  # one warm-up: no JIT to settle, but the first run pays for imports and the page cache
    walls, cpus = [], []
    for _ in range(repetitions):
        cpu, wall = time.process_time(), time.perf_counter()
        operation()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    print(f'{name}: wall {", ".join(f"{t:.0f}" for t in walls)} ms; CPU {", ".join(f"{t:.0f}" for t in cpus)} ms',
          file=sys.stderr)
    gc.collect()
    base = _reset_peak()
    result = operation()
    peak = max(0, _status_bytes('VmHWM:') - base)
    del result
    # Python has no counter of bytes allocated: -1 tells the runner to show none.
    return statistics.median(walls), statistics.median(cpus), -1, peak


def run_scenario(name, directory):
    file = os.path.join(directory, 'bench.msgpack')
    fsync = name.endswith('+fsync')
    if name in ('py.tree.save', 'py.tree.save+fsync'):
        tree = wide_tree(1.0)
        return measure(name, 9, lambda: save(file, tree, fsync))
    if name == 'py.tree.load':
        save(file, wide_tree(1.0))
        target = wide_tree(0.0)
        return measure(name, 9, lambda: load(file, target))
    if name in ('py.big.save', 'py.big.save+fsync'):
        tree = big_tree()
        return measure(name, 5, lambda: save(file, tree, fsync))
    if name == 'py.big.load':
        save(file, big_tree())
        target = big_tree(zero=True)
        return measure(name, 5, lambda: load(file, target))
    raise SystemExit(f'unknown scenario {name!r}')


# --- the fixture check: every braintools file loads to what expected.json says and saves back to the same bytes
def _same_value(got, expected):
    if isinstance(expected, dict):  # {"__float__": "nan" | "inf" | "-inf" | "-0.0"}
        special = float(expected['__float__'])
        return math.isnan(got) if math.isnan(special) else got == special and math.copysign(1, got) == math.copysign(1, special)
    if isinstance(expected, list):  # complex as [real, imag]
        return complex(got) == complex(_plain(expected[0]), _plain(expected[1]))
    if isinstance(expected, bool) or isinstance(got, bool):
        return got is expected
    return got == expected


def _plain(v):
    return float(v['__float__']) if isinstance(v, dict) else v


def _matches(got, node):
    kind = node['kind']
    if kind == 'map':
        return isinstance(got, dict) and list(got) == node['keys'] and all(_matches(got[k], node['items'][k]) for k in got)
    if kind in ('ndarray', 'npscalar'):
        array = np.asarray(got)
        if kind == 'ndarray' and not isinstance(got, np.ndarray) or kind == 'npscalar' and not isinstance(got, np.generic):
            return False
        if array.dtype.name != node['dtype'] or list(array.shape) != node.get('shape', list(array.shape)):
            return False
        if 'sha256_le_c_order' in node and hashlib.sha256(array.astype(array.dtype.newbyteorder('<')).tobytes('C')).hexdigest() != node['sha256_le_c_order']:
            return False
        values = node.get('values', node.get('first8', [node['value']] if 'value' in node else []))
        flat = array.reshape(-1)[:len(values)].tolist()
        return all(_same_value(g, e) for g, e in zip(flat, values))
    if kind == 'complex':
        return isinstance(got, complex) and _same_value(got, node['value'])
    if kind == 'nil':
        return got is None
    if kind == 'bin':
        return isinstance(got, bytes) and got.hex() == node['hex']
    python_type = {'int': int, 'float64': float, 'bool': bool, 'str': str}[kind]
    return type(got) is python_type and _same_value(got, node['value'])


def _zeros_like(tree):
    if isinstance(tree, dict):
        return {k: _zeros_like(v) for k, v in tree.items()}
    return np.zeros_like(tree) if isinstance(tree, np.ndarray) else tree


def check_fixtures(directory):
    expected = json.load(open(os.path.join(directory, 'expected.json')))
    failures = []
    for entry in expected['files']:
        path = os.path.join(directory, entry['file'])
        state = load(path)
        restored = load(path, target=_zeros_like(state))
        limit = entry.get('patched_MAX_CHUNK_SIZE', CHUNK_LIMIT)
        again = hashlib.sha256(to_bytes(restored, limit)).hexdigest()
        problems = [p for p, bad in (('content differs from expected.json', not _matches(state, entry['msgpack_load_no_target'])),
                                     ('restored into a target, content differs', not _matches(restored, entry['msgpack_load_no_target'])),
                                     ('saved again, bytes differ', again != entry['sha256'])) if bad]
        print(f'{entry["file"]}: {"; ".join(problems) or "ok"}', file=sys.stderr)
        failures += problems
    print(f'{len(expected["files"])} fixtures, {len(failures)} problems')
    return 1 if failures else 0


def main(argv):
    if argv[:1] == ['measure'] and len(argv) == 3:
        wall, cpu, allocated, peak = run_scenario(argv[1], argv[2])
        file = os.path.join(argv[2], 'bench.msgpack')
        size = os.path.getsize(file) if os.path.exists(file) else 0
        print('\t'.join([argv[1], repr(wall), repr(cpu), str(allocated), str(peak), str(size)]))
        return 0
    if argv[:1] == ['write-tree'] and len(argv) == 4:
        count = int(argv[2])
        save(argv[3], wide_tree(1.0, count) if argv[1] == 'wide' else big_tree(tensors=count, elements=count))
        return 0
    if argv[:1] == ['check-fixtures'] and len(argv) <= 2:
        here = os.path.dirname(os.path.abspath(__file__))
        return check_fixtures(argv[1] if len(argv) == 2 else os.path.join(here, '..', '..', 'Fixtures', 'braintools'))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

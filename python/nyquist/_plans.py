"""Prepared fits (the C API's nyq_fit_plan), cached: `nyquist.fit` resolves a circuit and decodes its options once per
(circuit, options) and reuses the plan for every later spectrum, as a notebook loop over many spectra fits them.

A plan keeps what the circuit resolved to when it was made, so the cache key holds everything the resolution reads:
the circuit text, the options JSON (start values, fixed values, bounds, settings, `circuitsDirs`), `$NYQUIST_CIRCUITS`
and the *content* of every `.circuit` file the library may read for this text — the file itself for a path ending in
`.circuit`, else `DIR/TEXT.circuit` in each user folder (`circuits_dirs`, then `$NYQUIST_CIRCUITS`; absent files and
folders count as absent). A named shipped model or a circuit string with no user folders reads no file. So an edited
or added model file, a changed variable or another working directory (relative paths) gives another key, never a stale
plan; reading a small file costs a few µs per fit. One race remains: a file edited between reading it for the key and
the library reading it for the plan gives a plan of the new content under the old content's key (the next fit reads
the new content and makes a new plan, but the entry stays until dropped); `clear()` empties the cache.

At most `CACHE_SIZE` plans are kept, least recently used dropped first; the cache is guarded by a lock, and a plan in
use by another thread stays alive (it is freed when its last reference goes).
"""
import collections
import ctypes
import os
import threading

from ._library import check, library

CACHE_SIZE = 32
_cache = collections.OrderedDict()
_lock = threading.Lock()


class Plan:
    """A nyq_fit_plan handle, freed with this object."""

    def __init__(self, circuit, options):
        lib = library()
        out, error = ctypes.c_void_p(), ctypes.c_void_p()
        check(lib.nyq_fit_plan_create(circuit, options, ctypes.byref(out), ctypes.byref(error)), error)
        self.handle, self._free = out.value, lib.nyq_fit_plan_free

    def __del__(self):
        handle, self.handle = getattr(self, "handle", None), None
        if handle:
            self._free(handle)


def _content(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except (OSError, ValueError):  # ValueError: a NUL in the text
        return None


def _files(circuit, folders):
    """The content of every .circuit file resolving `circuit` may read (None where absent), and which folders exist."""
    if circuit.endswith(".circuit"):
        return (_content(circuit),)
    return tuple((os.path.isdir(d), _content(os.path.join(d, circuit + ".circuit"))) for d in folders)


def plan(circuit, options, circuits_dirs=None):
    """The plan for `circuit` (str) with `options` (the options JSON, bytes), from the cache or made and cached.
    Raises the NyquistError of a bad circuit, parameter or option (nothing is cached then)."""
    env = os.environ.get("NYQUIST_CIRCUITS")
    given = list(circuits_dirs) if isinstance(circuits_dirs, (list, tuple)) else []  # else the library refuses it
    folders = [str(d) for d in given] + [d for d in (env or "").split(":") if d]
    key = (circuit, options, env, _files(circuit, folders))
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    made = Plan(circuit.encode("utf-8"), options)
    with _lock:
        _cache[key] = made
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return made


def clear():
    """Drops every cached plan (plans in use stay alive until their fits return)."""
    with _lock:
        _cache.clear()

#!/usr/bin/env python3
"""Reference values for the NyquistIO reader tests, computed ONCE with independent Python readers.

Run from anywhere:  python3 Tests/NyquistIOTests/Fixtures/make_fixtures.py [/path/to/shared/eis-data]
Writes reference.json next to this script. For every file in eis-data it records, per spectrum, the point count and
the first and last point (f in Hz, Re Z and signed Im Z in Ohm) -- no whole data sets (several sources are GPL).

Reference readers, first that succeeds:
  .mpr                      galvani 0.5.0 (MPRfile), rows with freq > 0 split by the MANIFEST rule below
  .ism                      a struct-based reader written from FORMATS.md section 11 (no Zahner package installed)
  pyDRTtools *ZARC*.csv     pandas.read_csv using the named Freq/Real/Imag columns
  everything else           pyimpspec 5.1.3 parse_data; then impedance.py 1.7.1 preprocessing.read*;
                            then numpy.loadtxt (headerless f, Z', Z'' tables)
MANIFEST split rule (for galvani rows): keep freq > 0, new spectrum after a non-EIS gap or when f[i] > 1.5 f[i-1].
"""
import json, math, os, struct, sys, warnings

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, "../../../../shared/eis-data"))


def point(f, z):
    return [float(f), float(z.real), float(z.imag)]


def summary(spectra):
    return [{"points": len(f), "first": point(f[0], z[0]), "last": point(f[-1], z[-1])} for f, z in spectra if len(f)]


def split_rows(freq, z):
    out, cur_f, cur_z, prev = [], [], [], None
    for f, zz in zip(freq, z):
        if not (f > 0):
            if cur_f: out.append((cur_f, cur_z)); cur_f, cur_z = [], []
            prev = None
            continue
        if prev is not None and f > 1.5 * prev and cur_f:
            out.append((cur_f, cur_z)); cur_f, cur_z = [], []
        cur_f.append(f); cur_z.append(zz); prev = f
    if cur_f: out.append((cur_f, cur_z))
    return out


def galvani_ref(path):
    from galvani import BioLogic
    m = BioLogic.MPRfile(path)
    d = m.data
    names = d.dtype.names
    if "freq/Hz" not in names:
        return None
    if "Re(Z)/Ohm" in names:
        z = [complex(float(r), -float(i)) for r, i in zip(d["Re(Z)/Ohm"], d["-Im(Z)/Ohm"])]
    else:
        # float64 arithmetic on the exactly widened float32 values (numpy would stay in float32)
        z = [float(a) * complex(math.cos(math.radians(float(p))), math.sin(math.radians(float(p))))
             for a, p in zip(d["|Z|/Ohm"], d["Phase(Z)/deg"])]
    return split_rows([float(x) for x in d["freq/Hz"]], z)


def ism_ref(path):
    b = open(path, "rb").read()
    n = int.from_bytes(b[6:12], "big", signed=True) + 1
    f = struct.unpack(">%dd" % n, b[12:12 + 8 * n])
    mag = struct.unpack(">%dd" % n, b[12 + 8 * n:12 + 16 * n])
    ph = struct.unpack(">%dd" % n, b[12 + 16 * n:12 + 24 * n])
    return [(list(f), [m * complex(math.cos(p), math.sin(p)) for m, p in zip(mag, ph)])]


def pandas_ref(path):
    import pandas as pd
    t = pd.read_csv(path)
    return [(list(t["Freq"]), [complex(r, i) for r, i in zip(t["Real"], t["Imag"])])]


def pyimpspec_ref(path):
    import pyimpspec
    return [(list(d.get_frequencies()), list(d.get_impedances())) for d in pyimpspec.parse_data(path)]


def impedance_ref(path):
    from impedance import preprocessing as p
    name = os.path.basename(path)
    for key, inst in [("Parstat", "parstat"), ("Powersuite", "powersuite"), ("VersaStudio", "versastudio"),
                      ("CHInstruments", "chinstruments"), ("Autolab", "autolab"), ("Gamry", "gamry"), ("ZPlot", "zplot")]:
        if key in name:
            f, z = p.readFile(path, instrument=inst)
            return [(list(f), list(z))]
    f, z = p.readCSV(path)
    return [(list(f), list(z))]


def numpy_ref(path):
    import numpy as np
    t = np.loadtxt(path, delimiter="," if path.endswith(".csv") else None)
    return [(list(t[:, 0]), [complex(r, i) for r, i in zip(t[:, 1], t[:, 2])])]


def reference(path):
    name = os.path.basename(path)
    if name.endswith(".mpr"):
        chain = [("galvani 0.5.0", galvani_ref)]
    elif name.endswith(".ism"):
        chain = [("struct reader from FORMATS.md", ism_ref)]
    elif "ZARC" in name:
        chain = [("pandas", pandas_ref)]
    else:
        chain = [("pyimpspec 5.1.3", pyimpspec_ref), ("impedance.py 1.7.1", impedance_ref), ("numpy.loadtxt", numpy_ref)]
    errors = []
    for label, fn in chain:
        try:
            spectra = fn(path)
            if spectra is None:
                return {"reference": label, "spectra": 0, "note": "no freq/Hz column"}
            return {"reference": label, "spectra": len([s for s in spectra if len(s[0])]), "summary": summary(spectra)}
        except Exception as e:  # noqa: BLE001 - a failing reference is recorded, not fatal
            errors.append("%s: %s" % (label, str(e).splitlines()[0][:120] if str(e) else type(e).__name__))
    return {"reference": None, "errors": errors}


def main():
    out = {}
    for folder in sorted(os.listdir(DATA)):
        full = os.path.join(DATA, folder)
        if not os.path.isdir(full):
            continue
        for name in sorted(os.listdir(full)):
            out["%s/%s" % (folder, name)] = reference(os.path.join(full, name))
    with open(os.path.join(HERE, "reference.json"), "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print("wrote %d entries" % len(out))


if __name__ == "__main__":
    main()

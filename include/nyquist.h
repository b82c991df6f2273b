/*
 * nyquist.h — the C interface of Nyquist (library libNyquistC.so / libNyquistC.dylib, SwiftPM product `NyquistC`:
 * `swift build -c release --product NyquistC`).
 *
 * Conventions
 *  - Arrays cross as pointers + lengths: frequency in Hz, Z' and Z'' in Ohm (Z = Z' + jZ'', Z'' signed, negative for
 *    a capacitor). Output arrays are allocated by the caller with the length the API states.
 *  - Options are JSON objects (UTF-8; NULL or "" = all defaults; an unknown key is an error naming it); structured
 *    results are JSON text in the schema of the CLI's `--format json` (docs/outputs.md). Every string the library
 *    returns (results, SVG, error messages, nyq_version) is freed with nyq_free_string; a spectra handle with
 *    nyq_spectra_free.
 *  - Every call returns an int32 status, the CLI's exit-code families (README "Exit codes"): NYQ_OK 0;
 *    NYQ_NOT_CONVERGED 1 (a result is set but is not a success); NYQ_USAGE 2 (bad circuit, parameter or option);
 *    NYQ_DATA 3 (unreadable or invalid data or store); NYQ_NUMERICAL 4 (numerical failure). On a status >= 2,
 *    *error (when the pointer is not NULL) receives a message naming the cause, and no result is set.
 *  - Thread-safe: no global mutable state; calls may run concurrently from several threads (Python's ctypes releases
 *    the GIL around them). A spectra handle is immutable and may be shared between threads.
 */
#ifndef NYQUIST_H
#define NYQUIST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this interface; nyq_api_version() returns the library's. Raised on any incompatible change. */
#define NYQ_API_VERSION 1

enum {
    NYQ_OK = 0,
    NYQ_NOT_CONVERGED = 1,
    NYQ_USAGE = 2,
    NYQ_DATA = 3,
    NYQ_NUMERICAL = 4
};

/* The interface version the library implements (compare with NYQ_API_VERSION). */
int32_t nyq_api_version(void);
/* The program version ("0.1.0"); free with nyq_free_string. */
char *nyq_version(void);
/* Frees a string returned by the library; NULL is ignored. */
void nyq_free_string(char *s);

/* ---- Reading ------------------------------------------------------------------------------------------------ */

/* The spectra of one data file (an opaque, immutable handle). */
typedef struct nyq_spectra nyq_spectra;

/* Reads every spectrum of a data file in any format the CLI reads (`nyquist info`): CSV/TSV, BioLogic .mpt/.mpr,
 * Gamry .DTA, ZView .z, Zahner, PalmSens, CH Instruments, VersaStudio, RelaxIS. *out: free with nyq_spectra_free.
 * Status 3 when the file is unreadable or invalid (message: file, line, reason). */
int32_t nyq_read(const char *path, nyq_spectra **out, char **error);
void nyq_spectra_free(nyq_spectra *spectra);
size_t nyq_spectra_count(const nyq_spectra *spectra);
/* Points of spectrum `index` (0 when there is no such spectrum). */
size_t nyq_spectrum_length(const nyq_spectra *spectra, size_t index);
/* Copies spectrum `index` into caller arrays of nyq_spectrum_length doubles: frequency (Hz), Z', Z'' (Ohm). Any
 * array may be NULL. */
int32_t nyq_spectrum_copy(const nyq_spectra *spectra, size_t index, double *frequency, double *z_real, double *z_imag,
                          char **error);
/* The metadata of spectrum `index` as JSON: `spectra[].metadata` of `nyquist convert --to json` (index, cycleLabel,
 * startTime s, dcPotential V, dcCurrent A, sourceFile, rowRange, format, isFragment, provenance[], warnings[], …). */
int32_t nyq_spectrum_metadata(const nyq_spectra *spectra, size_t index, char **metadata_json, char **error);

/* ---- Analysis of one spectrum -------------------------------------------------------------------------------- */

/* Fits `circuit` (a named model such as "assb-cathode" — shipped, or a user model from "circuitsDirs" or
 * $NYQUIST_CIRCUITS — a .circuit file, or a circuit in impedance.py, CDC or EC-Lab syntax) to n points. options_json, every key optional (the CLI's `fit` options):
 *   {"params": {"R1": 20}, "fix": {"n2": 1, "n3": null}, "bounds": {"R3": [1, 1000]}, "weight": "modulus",
 *    "method": "auto", "starts": 200, "refine": 10, "seed": 1, "fmin": 0.1, "fmax": 1e6, "points": [1, 120],
 *    "maxIterations": 500, "stopChi2Modulus": 1e-4, "geodesic": false, "cholesky": false, "orderArcs": true,
 *    "circuitsDirs": ["my-models"]}
 * (fix: null = at the start value; bounds may use "inf"; points 1-based inclusive).
 * *result_json: the text of `nyquist fit --format json` (docs/outputs.md). Status 0 converged, 1 not converged or
 * far above the noise (result set), 2/3/4 errors. */
int32_t nyq_fit(const double *frequency, const double *z_real, const double *z_imag, size_t n, const char *circuit,
                const char *options_json, char **result_json, char **error);

/* The impedance of `circuit` at n frequencies (Hz) into caller arrays z_real, z_imag (n each, Ohm). options_json:
 * {"params": {"R1": 21.3, ...}, "noise": 0.005, "seed": 1}; every parameter needs a value. */
int32_t nyq_simulate(const char *circuit, const char *options_json, const double *frequency, size_t n, double *z_real,
                     double *z_imag, char **error);

/* The lin-KK Kramers-Kronig test. options_json: {"representation": "impedance"|"admittance", "fitType":
 * "complex"|"real"|"imaginary", "elements": M, "capacitance": false, "extension": 0.5, "maxNoise": 1 (%)}.
 * *result_json: {"passed": bool, "failures": [...], "result": {...}} as one entry of `nyquist validate --format json`.
 * A failed test is status 0 with "passed": false. */
int32_t nyq_validate(const double *frequency, const double *z_real, const double *z_imag, size_t n,
                     const char *options_json, char **result_json, char **error);

/* The named models, shipped and user ones (options_json {"circuitsDirs": [...]}, then $NYQUIST_CIRCUITS), as
 * `nyquist circuits` lists them: [{"name", "description", "file" (user models), "syntaxes": {"impedance.py", "cdc",
 * "ec-lab"}, "parameters": [{"name", "start", "lower", "upper", "unit", "meaning"}]}]. */
int32_t nyq_circuits(const char *options_json, char **result_json, char **error);

/* SVG Nyquist plot of n points with, when parameter_count > 0, `circuit` at `parameters` (circuit order, physical
 * units) over the data's frequency range (the plot of `nyquist fit --plot`). title may be NULL. */
int32_t nyq_nyquist_svg(const double *frequency, const double *z_real, const double *z_imag, size_t n,
                        const char *circuit, const double *parameters, size_t parameter_count, const char *title,
                        char **svg, char **error);

/* ---- Series: batch, export, track --------------------------------------------------------------------------- */

/* Progress: spectra done, spectra in all, failures so far, the caller's context. Called from worker threads, one
 * call at a time, in order. */
typedef void (*nyq_progress_fn)(size_t done, size_t total, size_t failures, void *context);

/* Refits the spectra of `paths` (files or folders, as `nyquist batch INPUT...`) into the SQLite store `store`
 * (created if missing; resumable). options_json: {"mode": "sequential"|"independent", "jobs": N, "weight", "method",
 * "seed", "fmin", "fmax", "randomStarts", "kk": true, "refit": false, "retryFailed": false, "cycleFromName": regex,
 * "params", "fix", "bounds"}. *result_json: {"summary": {...counts...}, "fitSet": id, "store", "series",
 * "skippedInputs": [...]}. Status 1 when a spectrum is stored failed or not converged (result set). progress may
 * be NULL. */
int32_t nyq_batch(const char *const *paths, size_t path_count, const char *store, const char *circuit,
                  const char *options_json, nyq_progress_fn progress, void *context, char **result_json, char **error);

/* One row per spectrum of a fit set: the text of `nyquist export --format json`. options_json:
 * {"params": ["R1", "R3"], "fitSet": id}. The store is opened read-only. */
int32_t nyq_export(const char *store, const char *options_json, char **result_json, char **error);

/* Growth laws for a fitted parameter over cycling: `series` is a results store (.sqlite) or a parameter-series CSV.
 * options_json (the CLI's `track` options): {"param": "R3", "clock": "cycle"|"time-above:3.9"|"side-charge",
 * "laws": "G1,G2", "floor": 0.03, "estimateScale": false, "bootstrap": 200, "profile": false, "seed": 1,
 * "seriesName", "cell", "cycling", "reference", "pressure", "compare", "compareSeries", "compareCycling",
 * "compareCell"}. *result_json: the text of `nyquist track --format json` (ranked growth laws, intervals, ...).
 * progress (may be NULL) is called after every bootstrap replicate (failures 0). */
int32_t nyq_track(const char *series, const char *options_json, nyq_progress_fn progress, void *context,
                  char **result_json, char **error);

#ifdef __cplusplus
}
#endif
#endif /* NYQUIST_H */

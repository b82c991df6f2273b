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
 *    nyq_spectra_free; a fit-result handle with nyq_fit_result_free; a fit plan with nyq_fit_plan_free.
 *  - Every call returns an int32 status, the CLI's exit-code families (README "Exit codes"): NYQ_OK 0;
 *    NYQ_NOT_CONVERGED 1 (a result is set but is not a success); NYQ_USAGE 2 (bad circuit, parameter or option);
 *    NYQ_DATA 3 (unreadable or invalid data or store); NYQ_NUMERICAL 4 (numerical failure). On a status >= 2,
 *    *error (when the pointer is not NULL) receives a message naming the cause, and no result is set.
 *  - Thread-safe: no global mutable state; calls may run concurrently from several threads (Python's ctypes releases
 *    the GIL around them). Spectra handles, fit-result handles and fit plans are immutable and may be shared between
 *    threads.
 */
#ifndef NYQUIST_H
#define NYQUIST_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this interface; nyq_api_version() returns the library's. Raised on any incompatible change.
 * Version 2 added the fit-result handle (nyq_fit_handle and the nyq_fit_result_... accessors). Version 3 added the
 * fit plan (nyq_fit_plan_...), nyq_fit_result_numbers, and the library_seconds argument of
 * nyq_fit_result_convergence. */
#define NYQ_API_VERSION 3

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

/* ---- A fit's result as numbers (API version 2) ---------------------------------------------------------------- */

/* One fit's result (an opaque, immutable handle; may be read from several threads at once). Its numbers are copied
 * into caller arrays by the accessors below, without any text; the JSON of nyq_fit is built only when
 * nyq_fit_result_json asks for it. */
typedef struct nyq_fit_result nyq_fit_result;

/* Indices of nyq_fit_result_goodness's array (docs/outputs.md, `goodness`). */
enum {
    NYQ_GOODNESS_CHI_SQUARE = 0,             /* chi^2 = sum of squared weighted residuals, in the chosen weighting */
    NYQ_GOODNESS_REDUCED_CHI_SQUARE = 1,     /* chi^2/(2m - P); absent without degrees of freedom */
    NYQ_GOODNESS_CHI_SQUARE_OVER_MODULUS = 2, /* sum |Z - Zfit|^2/|Z|^2 (dimensionless) */
    NYQ_GOODNESS_PSEUDO_CHI_SQUARE = 3,      /* sum |Z - Zfit|^2/|Zfit|^2 (Boukamp 1995) */
    NYQ_GOODNESS_AIC = 4,                    /* N ln(chi^2/N) + 2P, N = 2m */
    NYQ_GOODNESS_BIC = 5,                    /* N ln(chi^2/N) + P ln N */
    NYQ_GOODNESS_RESIDUAL_COUNT = 6,         /* N = 2m */
    NYQ_GOODNESS_DEGREES_OF_FREEDOM = 7,     /* N - P */
    NYQ_GOODNESS_NOISE_LEVEL = 8,            /* sigma_ref, relative noise of the data (0.005 = 0.5 %); may be absent */
    NYQ_GOODNESS_NOISE_RATIO = 9,            /* (chi^2/|Z| / nu)/sigma_ref^2; may be absent */
    NYQ_GOODNESS_COUNT = 10
};

/* nyq_fit_result_convergence's assessment (`convergence.assessment`). */
enum {
    NYQ_ASSESSMENT_CONVERGED = 0,
    NYQ_ASSESSMENT_NOT_CONVERGED = 1,
    NYQ_ASSESSMENT_ABOVE_NOISE = 2
};

/* The fit of nyq_fit (same arguments, options and status codes), its result kept as a handle. Status 0 or 1: *out is
 * a handle to free with nyq_fit_result_free. Status 2/3/4 (also 2 when out is NULL): *out is NULL, *error names the
 * cause. */
int32_t nyq_fit_handle(const double *frequency, const double *z_real, const double *z_imag, size_t n,
                       const char *circuit, const char *options_json, nyq_fit_result **out, char **error);
/* Frees a handle from nyq_fit_handle; NULL is ignored. */
void nyq_fit_result_free(nyq_fit_result *result);
/* The text of `nyquist fit --format json` for this result, exactly what nyq_fit returns (built on each call); free
 * with nyq_free_string. Status 0, or 2 for a NULL handle. */
int32_t nyq_fit_result_json(const nyq_fit_result *result, char **result_json, char **error);

/* Sizes of the arrays below (0 for a NULL handle): P, the circuit's parameters (fixed ones included); K, its free
 * parameters (the side of the correlation matrix); m, the points the fit used. */
size_t nyq_fit_result_parameter_count(const nyq_fit_result *result);
size_t nyq_fit_result_free_count(const nyq_fit_result *result);
size_t nyq_fit_result_residual_count(const nyq_fit_result *result);

/* The accessors copy into caller arrays of the stated length; any array may be NULL to skip it. Each returns 0, or
 * NYQ_USAGE with a message in *error when the handle is NULL. */

/* P entries each, circuit order: value in its physical unit (Ohm, F, F s^(n-1), H, ...); standard error
 * s*sqrt([(J^T W J)^-1]_kk); 95 % interval value -/+ t_0.975(nu)*SE; the three are NaN where not estimable (fixed, on a
 * bound, not identifiable); fixed 1/0. */
int32_t nyq_fit_result_parameters(const nyq_fit_result *result, double *values, double *std_errors, double *lower95,
                                  double *upper95, int32_t *fixed, char **error);
/* The K x K correlation matrix of the free parameters (order of the labels' "correlationNames"), row-major, NaN where
 * not estimable (a parameter on a bound, or no covariance at all). */
int32_t nyq_fit_result_correlation(const nyq_fit_result *result, double *correlation, char **error);
/* NYQ_GOODNESS_COUNT figures in the order of NYQ_GOODNESS_...; present[k] is 1 when figure k is in the JSON, else 0
 * and values[k] NaN. */
int32_t nyq_fit_result_goodness(const nyq_fit_result *result, double *values, int32_t *present, char **error);
/* Assessment (NYQ_ASSESSMENT_...), converged (a convergence test was met, 1/0), iterations, function and Jacobian
 * evaluations, and two wall-clock times in s: `seconds`, the optimisation alone (`convergence.seconds` of the JSON),
 * and `library_seconds`, the whole Swift library call a Swift user makes for the same fit, Fitter.fit(...) — the
 * optimisation plus the result's covariance, intervals, noise gauge and warnings — timed inside the C call around
 * exactly that call (not the options, the circuit resolution or copying the arrays). Any pointer may be NULL. */
int32_t nyq_fit_result_convergence(const nyq_fit_result *result, int32_t *assessment, int32_t *converged,
                                   size_t *iterations, size_t *function_evaluations, size_t *jacobian_evaluations,
                                   double *seconds, double *library_seconds, char **error);
/* m entries each: frequency (Hz) and the relative residuals (Z' - Zfit')/|Z|, (Z'' - Zfit'')/|Z| of every point used. */
int32_t nyq_fit_result_residuals(const nyq_fit_result *result, double *frequency, double *real, double *imaginary,
                                 char **error);
/* The result's strings as one small JSON object (free with nyq_free_string): {"circuit": fitted circuit, "names": [P],
 * "units": [P], "correlationNames": [K], "method", "reason": why the optimiser stopped, "warnings": [{"code",
 * "message", "parameters": [...]}]} (the strings of `fit --format json`; codes in docs/warnings.md). */
int32_t nyq_fit_result_labels(const nyq_fit_result *result, char **labels_json, char **error);
/* Every number of the accessors above in one call, into one caller buffer of `capacity` doubles (API version 3), in
 * this order (P, K, m as above): values, std errors, lower95, upper95, fixed (1/0) — P each | correlation K x K |
 * the NYQ_GOODNESS_COUNT figures, then their present flags (1/0) | assessment, converged, iterations, function
 * evaluations, Jacobian evaluations, seconds, library seconds (7) | residual frequency, real, imaginary — m each.
 * *count (may be NULL) receives the length 5P + K*K + 2*NYQ_GOODNESS_COUNT + 7 + 3m, also on status 2 (buffer NULL
 * or shorter than that: nothing is written). Counts are exact in a double. */
int32_t nyq_fit_result_numbers(const nyq_fit_result *result, double *buffer, size_t capacity, size_t *count,
                               char **error);

/* ---- Prepared fits (API version 3) ---------------------------------------------------------------------------- */

/* A circuit resolved and fit options decoded once, for fitting many spectra (an opaque, immutable handle; several
 * threads may fit with one plan at once). The plan keeps what the circuit resolved to at creation: a later change of
 * a .circuit file, of a user model folder or of $NYQUIST_CIRCUITS does not reach it — create a new plan. */
typedef struct nyq_fit_plan nyq_fit_plan;

/* Resolves `circuit` with `options_json` (the arguments of nyq_fit, same schema). Status 0: *out is a plan to free
 * with nyq_fit_plan_free; status 2 (a bad circuit, parameter or option; out NULL): *out is NULL, *error the cause. */
int32_t nyq_fit_plan_create(const char *circuit, const char *options_json, nyq_fit_plan **out, char **error);
/* The fit of nyq_fit_handle with a plan: same status codes, *out a result handle (free with nyq_fit_result_free).
 * Status 2 for a NULL plan or out. */
int32_t nyq_fit_plan_fit(const nyq_fit_plan *plan, const double *frequency, const double *z_real, const double *z_imag,
                         size_t n, nyq_fit_result **out, char **error);
/* Frees a plan; NULL is ignored. Result handles made with it stay valid. */
void nyq_fit_plan_free(nyq_fit_plan *plan);

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

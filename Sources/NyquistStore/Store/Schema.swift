import GRDB

/// The store's schema, built by GRDB migrations so that later versions can add to it without losing data.
///
/// Tables (one row each):
/// - `source_file`: a file's path, size in bytes and SHA-256 of its content; unique on (path, content hash).
/// - `spectrum`: one sweep of a source file — index in the file, cycle label, start time, DC potential/current,
///   point count, frequency span (Hz) and the reader's metadata as JSON.
/// - `fit_set`: everything that decides a fit besides the data — circuit, parameter table, fit settings (weighting,
///   window, method, seed), batch mode, arc-identity rule, program version — and the SHA-256 of their canonical
///   encoding (`settings_hash`, unique). Changing the circuit or the window makes a new fit set beside the old one.
/// - `fit`: the outcome for one (fit set, spectrum), unique on that pair: status, how it started, χ² measures,
///   iterations, timings (s), warnings.
/// - `fit_parameter`: the fitted value, standard error and 95 % interval of each parameter, in its physical unit.
///
/// v2 adds the lin-KK verdict of the fitted points to `fit`: `kk_status` (`pass`, `fail`, `not-tested`; NULL when
/// the test was not run — fits of a v1 store, `--no-kk`), `kk_noise_percent` and `kk_max_residual_percent` (% of |Z|),
/// `kk_elements` (M) and `kk_reasons` (failure reasons, or why it was not tested).
///
/// v3 adds `fit_attempt`: one row per (fit set, spectrum) whose fit a run has started and not yet stored, with the
/// number of runs that started it (`runs`) and when the last did (`started_at`, ISO 8601). The row is committed before
/// the spectrum's Kramers–Kronig test and fit (with the previous spectrum's fit, or on its own), and deleted in the
/// transaction that stores the fit; a row found by a later run therefore means a run died while working on that
/// spectrum (a crash or a kill).
///
/// v4 adds the distribution of relaxation times (`batch --drt`), kept apart from the fits (a DRT does not depend on
/// the circuit): `drt_set` — the DRT settings (canonical JSON, SHA-256 `settings_hash`, unique) and program version;
/// `drt` — one row per (DRT set, spectrum): series and position as in the run that computed it, `status` (`ok` or
/// `failed`, with the reason), λ and its criterion, R∞ (Ω), inductance (H), residual norm, the τ grid (s) and γ (Ω)
/// as JSON arrays, warnings (JSON array of strings), seconds; `drt_peak` — each peak of a DRT: τ (s), f (Hz),
/// resistance (Ω), the bootstrap τ interval and the resistance's standard error, numbered by increasing τ.
/// The migration only adds tables: the rows of a v3 store stay as they were.
enum Schema {
    /// The migration identifiers, oldest first (the last one is the current schema).
    static let versions = [v1, v2, v3, v4]
    static let v1 = "v1: source files, spectra, fit sets, fits, parameters"
    static let v2 = "v2: Kramers–Kronig verdict beside each fit"
    static let v3 = "v3: in-progress markers of fits (crash-safe resume)"
    static let v4 = "v4: distribution of relaxation times and its peaks per spectrum"

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration(v1) { db in
            try db.execute(sql: """
                CREATE TABLE source_file (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    UNIQUE (path, content_hash));
                CREATE TABLE spectrum (
                    id INTEGER PRIMARY KEY,
                    source_file_id INTEGER NOT NULL REFERENCES source_file(id) ON DELETE CASCADE,
                    file_index INTEGER NOT NULL,
                    cycle_label INTEGER,
                    start_time REAL,
                    dc_potential REAL,
                    dc_current REAL,
                    point_count INTEGER NOT NULL,
                    min_frequency REAL,
                    max_frequency REAL,
                    is_fragment INTEGER NOT NULL,
                    metadata TEXT NOT NULL,
                    UNIQUE (source_file_id, file_index));
                CREATE TABLE fit_set (
                    id INTEGER PRIMARY KEY,
                    settings_hash TEXT NOT NULL UNIQUE,
                    circuit TEXT NOT NULL,
                    parameter_names TEXT NOT NULL,
                    parameter_table TEXT NOT NULL,
                    fit_settings TEXT NOT NULL,
                    weighting TEXT NOT NULL,
                    method TEXT NOT NULL,
                    min_frequency REAL,
                    max_frequency REAL,
                    seed TEXT NOT NULL,
                    mode TEXT NOT NULL,
                    fallback_ratio REAL NOT NULL,
                    identity_rule TEXT NOT NULL,
                    program_version TEXT NOT NULL,
                    created_at TEXT NOT NULL);
                CREATE TABLE fit (
                    id INTEGER PRIMARY KEY,
                    fit_set_id INTEGER NOT NULL REFERENCES fit_set(id) ON DELETE CASCADE,
                    spectrum_id INTEGER NOT NULL REFERENCES spectrum(id) ON DELETE CASCADE,
                    series TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    start TEXT NOT NULL,
                    fallback_reason TEXT,
                    converged INTEGER,
                    reason TEXT,
                    method TEXT,
                    chi_square REAL,
                    reduced_chi_square REAL,
                    chi_square_over_modulus REAL,
                    pseudo_chi_square REAL,
                    aic REAL,
                    bic REAL,
                    point_count INTEGER,
                    degrees_of_freedom INTEGER,
                    iterations INTEGER,
                    function_evaluations INTEGER,
                    fit_seconds REAL,
                    total_seconds REAL,
                    warnings TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (fit_set_id, spectrum_id));
                CREATE INDEX fit_by_series ON fit (fit_set_id, series, position);
                CREATE TABLE fit_parameter (
                    fit_id INTEGER NOT NULL REFERENCES fit(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    unit TEXT NOT NULL,
                    value REAL NOT NULL,
                    standard_error REAL,
                    lower95 REAL,
                    upper95 REAL,
                    fixed INTEGER NOT NULL,
                    at_bound TEXT,
                    PRIMARY KEY (fit_id, position));
                """)
        }
        m.registerMigration(v2) { db in
            try db.execute(sql: """
                ALTER TABLE fit ADD COLUMN kk_status TEXT;
                ALTER TABLE fit ADD COLUMN kk_noise_percent REAL;
                ALTER TABLE fit ADD COLUMN kk_max_residual_percent REAL;
                ALTER TABLE fit ADD COLUMN kk_elements INTEGER;
                ALTER TABLE fit ADD COLUMN kk_reasons TEXT;
                """)
        }
        m.registerMigration(v3) { db in
            try db.execute(sql: """
                CREATE TABLE fit_attempt (
                    fit_set_id INTEGER NOT NULL REFERENCES fit_set(id) ON DELETE CASCADE,
                    spectrum_id INTEGER NOT NULL REFERENCES spectrum(id) ON DELETE CASCADE,
                    runs INTEGER NOT NULL,
                    started_at TEXT NOT NULL,
                    PRIMARY KEY (fit_set_id, spectrum_id));
                """)
        }
        m.registerMigration(v4) { db in
            try db.execute(sql: """
                CREATE TABLE drt_set (
                    id INTEGER PRIMARY KEY,
                    settings_hash TEXT NOT NULL UNIQUE,
                    settings TEXT NOT NULL,
                    program_version TEXT NOT NULL,
                    created_at TEXT NOT NULL);
                CREATE TABLE drt (
                    id INTEGER PRIMARY KEY,
                    drt_set_id INTEGER NOT NULL REFERENCES drt_set(id) ON DELETE CASCADE,
                    spectrum_id INTEGER NOT NULL REFERENCES spectrum(id) ON DELETE CASCADE,
                    series TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    status TEXT NOT NULL,
                    reason TEXT,
                    lambda REAL,
                    lambda_criterion TEXT,
                    r_inf REAL,
                    inductance REAL,
                    residual_norm REAL,
                    tau TEXT NOT NULL,
                    gamma TEXT NOT NULL,
                    warnings TEXT NOT NULL,
                    seconds REAL,
                    created_at TEXT NOT NULL,
                    UNIQUE (drt_set_id, spectrum_id));
                CREATE INDEX drt_by_series ON drt (drt_set_id, series, position);
                CREATE TABLE drt_peak (
                    drt_id INTEGER NOT NULL REFERENCES drt(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    tau REAL NOT NULL,
                    frequency REAL NOT NULL,
                    resistance REAL NOT NULL,
                    tau_lower REAL,
                    tau_upper REAL,
                    resistance_standard_error REAL,
                    PRIMARY KEY (drt_id, position));
                """)
        }
        return m
    }
}

// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Nyquist",
    platforms: [.macOS(.v13)],
    products: [
        // The whole library; and per layer, for a user who wants one without the rest (docs/architecture.md).
        .library(name: "Nyquist", targets: ["Nyquist"]),
        .library(name: "NyquistCircuit", targets: ["NyquistCircuit"]),  // circuit + evaluation: no GSL, no GRDB
        .library(name: "NyquistIO", targets: ["NyquistIO"]),
        .library(name: "NyquistFit", targets: ["NyquistFit"]),  // + readers and fitting: GSL, no GRDB
        .library(name: "NyquistTracking", targets: ["NyquistTracking"]),
        .executable(name: "nyquist", targets: ["NyquistCLI"]),
        // The C API (include/nyquist.h) as a shared library, for the Python package in python/ and other languages.
        .library(name: "NyquistC", type: .dynamic, targets: ["NyquistC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // C: GNU Scientific Library 2.7, reached only through NyquistNumerics.
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
        ),
        // C: dense kernels Swift cannot vectorise for the build's baseline CPU (Householder reflections, AVX when the
        // CPU has it, the same bits either way), reached only through NyquistNumerics.
        .target(name: "CKernels"),
        // The GSL bridge: the only importer of CGSL. Levenberg–Marquardt and simplex workspaces, linear least squares.
        .target(name: "NyquistNumerics", dependencies: ["CGSL", "CKernels"]),
        // The one number parser (`package` access, no dependencies): every module that reads a number calls it.
        .target(name: "NyquistText"),
        // Elements, circuit tree, the three circuit grammars, parameter table, evaluation plan.
        .target(
            name: "NyquistCircuit",
            dependencies: ["NyquistText", "CKernels", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // Spectrum model, instrument file readers, writers.
        .target(
            name: "NyquistIO",
            dependencies: ["NyquistText", .product(name: "Numerics", package: "swift-numerics")]
        ),
        // Complex nonlinear least squares: weights, transforms, starts, statistics.
        .target(
            name: "NyquistFit",
            dependencies: ["NyquistCircuit", "NyquistIO", "NyquistNumerics", "NyquistText", "CKernels"]
        ),
        // Results store (SQLite through GRDB), batch refitting of cycle series, export.
        .target(
            name: "NyquistStore",
            dependencies: ["NyquistFit", "NyquistIO", "NyquistCircuit", "NyquistDRT", "NyquistText", "CKernels",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // SVG plots: Nyquist, Bode, residuals, parameter series (own small plotting layer); the HTML batch report.
        .target(
            name: "NyquistReport", dependencies: ["NyquistIO", "NyquistFit", "NyquistCircuit", "NyquistStore", "NyquistDRT"]
        ),
        // Tracking: growth laws for a fitted parameter over cycling, decomposition and void models, attribution.
        .target(name: "NyquistTracking", dependencies: ["NyquistNumerics", "NyquistIO"]),
        // Distribution of relaxation times: log-τ grid, exact NNLS with Tikhonov regularisation, λ by GCV/Re–Im CV, peaks.
        .target(name: "NyquistDRT", dependencies: ["NyquistNumerics", "NyquistIO", "NyquistFit"]),
        // Analysis: the orchestration above Store, Tracking and Report that the CLI calls (store → parameter series,
        // tracking analysis, report overlays).
        .target(
            name: "NyquistAnalysis",
            dependencies: ["NyquistStore", "NyquistTracking", "NyquistReport", "NyquistFit", "NyquistIO", "NyquistCircuit",
                           "NyquistDRT"]
        ),
        // Umbrella module re-exporting the public modules.
        .target(
            name: "Nyquist",
            dependencies: ["NyquistNumerics", "NyquistCircuit", "NyquistIO", "NyquistFit", "NyquistStore", "NyquistReport",
                           "NyquistTracking", "NyquistDRT", "NyquistAnalysis",
                           .product(name: "ComplexModule", package: "swift-numerics")]
        ),
        // The `nyquist` command-line tool: one file per subcommand.
        .executableTarget(
            name: "NyquistCLI",
            dependencies: ["Nyquist", "NyquistText", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The C API: `@_cdecl("nyq_…")` functions over the library calls; header include/nyquist.h.
        .target(name: "NyquistC", dependencies: ["Nyquist", "NyquistText"]),
        // Shared test helpers: synthetic spectra, approximate equality, fixture paths.
        .target(name: "NyquistTestSupport", dependencies: ["Nyquist"]),

        .testTarget(name: "NyquistNumericsTests", dependencies: ["NyquistNumerics", "CKernels", "NyquistTestSupport"]),
        .testTarget(name: "NyquistTextTests", dependencies: ["NyquistText"]),
        .testTarget(
            name: "NyquistCircuitTests",
            dependencies: ["NyquistCircuit", "NyquistTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "NyquistIOTests", dependencies: ["NyquistIO", "NyquistTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NyquistFitTests", dependencies: ["NyquistFit", "NyquistTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NyquistReportTests", dependencies: ["NyquistReport", "NyquistTestSupport"]),
        .testTarget(name: "NyquistStoreTests", dependencies: ["NyquistStore", "NyquistNumerics", "NyquistTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NyquistTrackingTests", dependencies: ["NyquistTracking", "NyquistTestSupport"]),
        .testTarget(name: "NyquistDRTTests", dependencies: ["NyquistDRT", "NyquistTestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "NyquistCTests", dependencies: ["NyquistC", "NyquistTestSupport"]),
        .testTarget(name: "NyquistAnalysisTests", dependencies: ["NyquistAnalysis", "NyquistTestSupport"]),
        .testTarget(name: "NyquistDocsTests", dependencies: ["Nyquist", "NyquistTestSupport"]),
        .testTarget(name: "NyquistCLITests", dependencies: ["NyquistCLI", "NyquistTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

// The umbrella module: `import Nyquist` gives the whole library.
@_exported import NyquistNumerics
@_exported import NyquistCircuit
@_exported import NyquistIO
@_exported import NyquistFit
@_exported import NyquistStore
@_exported import NyquistReport
@_exported import NyquistTracking
@_exported import NyquistDRT
@_exported import NyquistAnalysis
// `Complex<Double>` (swift-numerics) appears in the public API (impedances); re-exported so `import Nyquist` suffices.
@_exported import ComplexModule

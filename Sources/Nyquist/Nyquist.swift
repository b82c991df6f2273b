// The umbrella module: `import Nyquist` gives the whole library.
@_exported import NyquistNumerics
@_exported import NyquistCircuit
@_exported import NyquistIO
@_exported import NyquistFit
@_exported import NyquistStore
@_exported import NyquistReport
@_exported import NyquistTracking
@_exported import NyquistAnalysis

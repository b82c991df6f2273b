// The umbrella module: `import Nyquist` gives the whole library.
@_exported import NyquistCircuit
@_exported import NyquistIO
@_exported import NyquistFit
@_exported import NyquistTracking

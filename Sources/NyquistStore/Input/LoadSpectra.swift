import NyquistIO

/// File extensions a directory scan picks up: those of every format NyquistIO reads.
let spectrumFileExtensions = ["csv", "tsv", "txt", "mpt", "mpr", "dta", "z", "par", "pssession", "ism"]

/// Every spectrum in the file at `path`, in any format NyquistIO reads (format detected from content).
func loadSpectra(path: String) throws(BatchInputError) -> [Spectrum] {
    let bytes: [UInt8]
    do { bytes = try SpectrumFile.loadBytes(path: path) } catch { throw .reader(error) }
    return try loadSpectra(bytes: bytes, path: path)
}

/// Every spectrum in `bytes`, the content of the file at `path`.
func loadSpectra(bytes: [UInt8], path: String) throws(BatchInputError) -> [Spectrum] {
    let spectra: [Spectrum]
    do { spectra = try SpectrumFile.read(bytes: bytes, name: path) } catch { throw .reader(error) }
    guard !spectra.isEmpty else { throw .noData(path: path) }
    return spectra
}

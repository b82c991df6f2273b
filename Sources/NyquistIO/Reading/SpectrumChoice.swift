/// Which spectrum of a file a one-spectrum command (`nyquist fit`) uses.
///
/// Rule: the spectrum the user named; else the file's only spectrum. A file with several spectra (cycles, channels,
/// or the fragments of a split sweep) and no index is ambiguous: the caller must ask, never pick one silently.
public enum SpectrumChoice {
    /// The 0-based index to use from `spectra` read from `file`; `index` is the user's `--spectrum`, if any.
    public static func choose(_ spectra: [Spectrum], index: Int?, file: String) throws(SpectrumChoiceError) -> Int {
        if let index {
            guard spectra.indices.contains(index) else { throw .noSuchSpectrum(file: file, index: index, count: spectra.count) }
            return index
        }
        switch spectra.count {
        case 0: throw .noSuchSpectrum(file: file, index: 0, count: 0)
        case 1: return 0
        default: throw .ambiguous(file: file, spectra: spectra.map(summary))
        }
    }

    /// One line per spectrum: `#3  41 pts  1e+06–0.2 Hz  cycle 4  [drift-corrected]  channel CH 3  fragment`.
    public static func summary(_ s: Spectrum) -> String {
        let m = s.metadata
        var line = "#\(m.index)  \(s.count) pts"
        if let hi = s.frequencies.max(), let lo = s.frequencies.min() { line += "  \(hi)–\(lo) Hz" }
        if let c = m.cycleLabel { line += "  cycle \(c)" }
        if let l = m.label { line += "  [\(l)]" }
        if let ch = m.channel { line += "  channel \(ch)" }
        if m.isFragment { line += "  fragment" }
        return line
    }
}

/// Why ``SpectrumChoice/choose(_:index:file:)`` found no spectrum to use.
public enum SpectrumChoiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The requested index (0 when none was given) is not in the file, which holds `count` spectra.
    case noSuchSpectrum(file: String, index: Int, count: Int)
    /// Several spectra and no index given; `spectra` holds one summary line each.
    case ambiguous(file: String, spectra: [String])

    public var description: String {
        switch self {
        case .noSuchSpectrum(let file, let index, let count):
            return "\(file): spectrum \(index) does not exist (the file has \(count))"
        case .ambiguous(let file, let spectra):
            return "\(file): the file holds \(spectra.count) spectra; choose one with --spectrum N: "
                + spectra.joined(separator: "; ")
        }
    }
}

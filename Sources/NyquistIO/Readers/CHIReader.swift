import NyquistText

/// CH Instruments "A.C. Impedance" text export: line 1 the date (`Feb. 20, 2020   15:55:08`), line 2
/// `A.C. Impedance`, `Key: value` and `Setting = value` lines, a blank line, the column line
/// `Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm, Phase/deg` (Z″ signed), a blank line, then `, `-separated rows.
/// The table itself is read by the generic table reader; `Init E (V)` is reported as the DC potential.
enum CHIReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let buffer = TextBuffer(bytes)
        var provenance: [String] = ["CH Instruments A.C. Impedance export"]
        let rows = try GenericTableReader.readTable(buffer, from: 0, file: file, options: options, provenance: &provenance)
        var initE: Double? = nil
        for li in 0..<min(buffer.count, 60) {
            let t = buffer.string(li)
            if t.hasPrefix("Init E (V)"), let eq = t.firstIndex(of: "=") {
                initE = NumberParser.parse(String(t[t.index(after: eq)...]).trimmingSpaces())
            }
        }
        var spectra = SweepSplitter.split(rows, file: file, format: .chi, positions: .line, options: options,
                                          provenance: provenance, technique: "A.C. Impedance",
                                          startDate: buffer.count > 0 ? buffer.string(0).trimmingSpaces() : nil)
        if let initE {
            for k in spectra.indices {
                spectra[k].metadata.dcPotential = initE
                spectra[k].metadata.provenance.append("DC potential from 'Init E (V)' in the header")
            }
        }
        return spectra
    }
}

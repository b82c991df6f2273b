import NyquistText

/// RelaxIS 3 spectrum export: line 1 `RelaxIS 3.0 Spectrum export`, line 2 `Date: …`, line 3 tab-separated titles
/// (`Data: Frequency`, `Data: Z'`, `Data: Z''` signed, `Data: |Z|`, `Data: Theta (Z)` in degrees), then per spectrum a
/// metadata line (`DC=-0.080042, TM=33.741076, J=-5E-6, FV2=1 <tab> Model … <tab> source`) and tab-separated rows.
/// `DC=` is taken as the DC potential in V and `J=` as the DC current in A; metadata lines separate spectra.
enum RelaxISReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let buffer = TextBuffer(bytes)
        guard buffer.count >= 3 else { throw .truncated(file: file, at: .line(buffer.count), reason: "RelaxIS header needs 3 lines") }
        var provenance: [String] = []
        let names = DelimitedTable.names(buffer, line: 2, sep: .tab)
        let rows = try GenericTableReader.readNamedTable(buffer, names: names, headerLine: 2, dataLines: 3..<buffer.count,
                                                         separator: .tab, file: file, options: options, provenance: &provenance)
        let date = buffer.string(1).hasPrefix("Date:") ? String(buffer.string(1).dropFirst(5)).trimmingSpaces() : nil
        var spectra = SweepSplitter.split(rows, file: file, format: .relaxis, positions: .line, options: options,
                                          provenance: provenance, technique: nil, startDate: date)
        // Attach each spectrum's metadata line (the nearest `DC=` line above its first row).
        for k in spectra.indices {
            guard let first = spectra[k].metadata.rowRange?.lowerBound else { continue }
            var li = first - 2
            while li >= 3 && !buffer.string(li).contains("DC=") { li -= 1 }
            guard li >= 3 else { continue }
            let meta = buffer.string(li).split(separator: "\t").first.map(String.init) ?? ""
            for item in TextTable.fields(of: meta, separator: .comma) {
                let kv = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
                guard kv.count == 2, let v = NumberParser.parse(kv[1]) else { continue }
                if kv[0] == "DC" { spectra[k].metadata.dcPotential = v }
                if kv[0] == "J" { spectra[k].metadata.dcCurrent = v }
            }
            spectra[k].metadata.provenance.append("DC potential and current from the metadata line \(li + 1) (DC=, J=)")
        }
        return spectra
    }
}

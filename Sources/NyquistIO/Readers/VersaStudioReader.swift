/// Princeton Applied Research VersaStudio `.par`: XML-like sections; each `<SegmentN>` holds `Definition=` followed
/// by comma-separated column names (`Frequency(Hz)`, `Z Real`, `Z Imag` signed, `E(V)`, `I(A)`,
/// `Elapsed Time(s)`, …) and comma-separated rows up to `</SegmentN>`. Each segment is read separately.
enum VersaStudioReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let buffer = TextBuffer(bytes)
        var result: [Spectrum] = []
        var date: String? = nil
        var li = 0
        var sawSegment = false
        while li < buffer.count {
            let t = buffer.string(li).trimmingSpaces()
            if t.hasPrefix("DateAcquired=") { date = String(t.dropFirst(13)) }
            guard t.hasPrefix("<Segment"), !t.hasPrefix("</") else { li += 1; continue }
            sawSegment = true
            let close = "</" + t.dropFirst()
            var end = li + 1
            while end < buffer.count && buffer.string(end).trimmingSpaces() != close { end += 1 }
            guard let definition = (li + 1..<end).first(where: { buffer.string($0).hasPrefix("Definition=") }) else {
                throw .missingColumn(file: file, at: .line(li + 1), column: "Definition= line of \(t)")
            }
            let names = TextTable.fields(of: String(buffer.string(definition).dropFirst(11)), separator: .comma)
            var provenance = ["VersaStudio segment \(t) at line \(li + 1)"]
            let rows = try GenericTableReader.readNamedTable(buffer, names: names, headerLine: definition,
                                                             dataLines: definition + 1..<end, separator: .comma,
                                                             file: file, options: options, provenance: &provenance)
            var spectra = SweepSplitter.split(rows, file: file, format: .versastudio, positions: .line, options: options,
                                              provenance: provenance, startDate: date)
            for k in spectra.indices { spectra[k].metadata.index = result.count + k }
            result.append(contentsOf: spectra)
            li = end + 1
        }
        guard sawSegment else { throw .noImpedanceData(file: file, reason: "no <Segment> section") }
        return result
    }
}

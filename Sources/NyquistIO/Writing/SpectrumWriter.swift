import Foundation

/// Writes spectra in the normalised form: frequency in Hz, Z′ and signed Z″ in Ω.
public enum SpectrumWriter {
    /// One tidy CSV table, one row per point, every row naming its spectrum (pandas' `read_csv` skips blank lines,
    /// so spectra are never separated by them):
    ///
    /// `spectrum[,cycle][,channel][,start_time_s],freq_Hz,Z_re_Ohm,Z_im_Ohm`
    ///
    /// - `spectrum`: the spectrum's 0-based index in its source file (``SpectrumMetadata/index``) — or, when two of
    ///   `spectra` share an index (they come from different files), its 0-based position in `spectra`;
    /// - `cycle`, `channel`, `start_time_s`: present when at least one spectrum knows its cycle label, channel or
    ///   start time (in s), empty on the rows of a spectrum that does not;
    /// - `freq_Hz` in Hz, `Z_re_Ohm` = Z′ and `Z_im_Ohm` = Z″ (signed, negative for a capacitor) in Ω.
    ///
    /// Numbers use the shortest decimal form that round-trips to the same Double; a text field holding `,` or `"`
    /// is quoted (RFC 4180). The CSV reader reads the table back, one spectrum per value of `spectrum`, with its cycle
    /// label, channel and start time.
    public static func csv(_ spectra: [Spectrum]) -> String {
        let metas = spectra.map(\.metadata)
        let cycle = metas.contains { $0.cycleLabel != nil }
        let channel = metas.contains { $0.channel != nil }
        let start = metas.contains { $0.startTime != nil }
        var header = ["spectrum"]
        if cycle { header.append("cycle") }
        if channel { header.append("channel") }
        if start { header.append("start_time_s") }
        header += ["freq_Hz", "Z_re_Ohm", "Z_im_Ohm"]
        var out = header.joined(separator: ",") + "\n"
        let unique = Set(metas.map(\.index)).count == metas.count
        for (k, s) in spectra.enumerated() {
            let m = s.metadata
            var prefix = "\(unique ? m.index : k),"
            if cycle { prefix += (m.cycleLabel.map(String.init) ?? "") + "," }
            if channel { prefix += csvField(m.channel ?? "") + "," }
            if start { prefix += (m.startTime.map { "\($0)" } ?? "") + "," }
            for i in 0..<s.count {
                out += "\(prefix)\(s.frequencies[i]),\(s.impedances[i].real),\(s.impedances[i].imaginary)\n"
            }
        }
        return out
    }

    /// `text` as one CSV field: quoted, with `"` doubled, when it holds a separator, a quote or a line break.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// JSON: `{"spectra": [{"metadata": {…}, "frequency_Hz": […], "Z_re_Ohm": […], "Z_im_Ohm": […]}, …]}`.
    public static func json(_ spectra: [Spectrum]) -> String {
        struct Entry: Encodable {
            let metadata: SpectrumMetadata
            let frequency_Hz: [Double]
            let Z_re_Ohm: [Double]
            let Z_im_Ohm: [Double]
        }
        struct Document: Encodable { let spectra: [Entry] }
        let doc = Document(spectra: spectra.map {
            Entry(metadata: $0.metadata, frequency_Hz: $0.frequencies, Z_re_Ohm: $0.impedances.map(\.real),
                  Z_im_Ohm: $0.impedances.map(\.imaginary))
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(doc) else { return "{\"spectra\": []}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

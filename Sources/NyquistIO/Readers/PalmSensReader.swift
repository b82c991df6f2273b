import Foundation

/// PalmSens PSTrace sessions (`.pssession`): UTF-16LE JSON with a BOM and a stray trailing U+FEFF.
///
/// `Measurements[]` → `DataSet.Values[]`, each array with `Description` (`Frequency`, `ZRe`, `ZIm`, `Z`, `Phase`,
/// `Idc`, `potential`/`mEdc`, `time`), `Unit {Type, S, Q}` and `DataValues [{V: …}]`. `ZIm` with `Q: "-Z''"` holds −Im(Z)
/// and `Phase` with `Q: "-Phase"` holds −arg(Z) in degrees; the unit quantity decides the sign. Current arrays of
/// `Unit.Type` `…MicroAmpere` are in µA (×1e-6 → A). Keys are matched case-insensitively (old files use
/// `measurements`, `dataset`, `values`, `datavalues`). Measurements without a `Frequency` array (CV, DPV …) are
/// skipped and listed in provenance; several scans in one data set are split at the frequency reset.
///
/// Multiplexer (multi-channel) sessions: the measurement's own `DataSet` holds only the last channel; every channel
/// is an entry of `EISDataList` (`Title` `CH 3: …`) with its data in `DataSet` or, for a scan over potentials, in
/// `SubScans[].DataSet` (one sweep each). When `EISDataList` has two or more entries with data, every entry is read
/// and its spectra carry ``SpectrumMetadata/channel`` (`CH 3`, else the entry's title).
enum PalmSensReader {
    typealias DataArrays = [String: (q: String, type: String, v: [Double])]

    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let text = TextBuffer(bytes).bytes
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text), options: [.fragmentsAllowed])
        } catch {
            throw .malformed(file: file, at: .file, reason: "not valid JSON after UTF-16 decoding")
        }
        guard let root = json as? [String: Any], let measurements = value(root, "Measurements") as? [Any] else {
            throw .malformed(file: file, at: .file, reason: "no 'Measurements' array")
        }
        var result: [Spectrum] = []
        var skipped: [String] = []
        for (mi, m) in measurements.enumerated() {
            guard let m = m as? [String: Any] else { continue }
            let title = value(m, "Title") as? String ?? "measurement \(mi)"
            let channels = channelEntries(m)
            let sources: [(channel: String?, note: String?, dataSets: [[String: Any]])]
            if channels.count >= 2 {
                sources = channels.map { ($0.channel, "channel \($0.channel) from EISDataList entry '\($0.title)' "
                                          + "(\(channels.count) channels; the measurement's own DataSet holds only the last)", $0.dataSets) }
            } else if let dataSet = value(m, "DataSet") as? [String: Any] {
                sources = [(channels.first.flatMap { $0.title.hasPrefix("CH") ? $0.channel : nil }, nil, [dataSet])]
            } else {
                skipped.append(title); continue
            }
            var anyFrequency = false
            for source in sources {
                var rows = RowCollector()
                var records = 0
                var provenance = ["PalmSens measurement '\(title)'"]
                if let note = source.note { provenance.append(note) }
                for dataSet in source.dataSets {
                    guard let values = value(dataSet, "Values") as? [Any] else { continue }
                    let arrays = dataArrays(values)
                    guard arrays["frequency"] != nil else { continue }
                    anyFrequency = true
                    rows.gap()
                    try appendRows(arrays, to: &rows, records: &records, provenance: &provenance, file: file, title: title)
                }
                guard anyFrequency else { break }
                if !skipped.isEmpty { provenance.append("skipped non-EIS measurements: \(skipped.joined(separator: ", "))") }
                var spectra = SweepSplitter.split(rows, file: file, format: .palmsens, positions: .record, options: options,
                                                  provenance: provenance, technique: "EIS",
                                                  startDate: (value(m, "TimeStamp")).map { "\($0)" })
                for k in spectra.indices {
                    spectra[k].metadata.index = result.count + k
                    spectra[k].metadata.channel = source.channel
                }
                result.append(contentsOf: spectra)
            }
            if !anyFrequency { skipped.append(title) }
        }
        if result.isEmpty && !skipped.isEmpty {
            throw .noImpedanceData(file: file, reason: "no EIS measurement (skipped: \(skipped.joined(separator: ", ")))")
        }
        return result
    }

    /// The entries of a measurement's `EISDataList` that hold data: channel label (`CH 3` from a `CH 3: …` title,
    /// else the title), title, and data sets (the entry's `DataSet`, else each `SubScans[].DataSet`).
    static func channelEntries(_ m: [String: Any]) -> [(channel: String, title: String, dataSets: [[String: Any]])] {
        guard let list = value(m, "EISDataList") as? [Any] else { return [] }
        var result: [(channel: String, title: String, dataSets: [[String: Any]])] = []
        for case let (k, e as [String: Any]) in list.enumerated() {
            let title = value(e, "Title") as? String ?? "entry \(k)"
            var dataSets: [[String: Any]] = []
            if let d = value(e, "DataSet") as? [String: Any] {
                dataSets = [d]
            } else if let subs = value(e, "SubScans") as? [Any] {
                dataSets = subs.compactMap { ($0 as? [String: Any]).flatMap { value($0, "DataSet") as? [String: Any] } }
            }
            guard !dataSets.isEmpty else { continue }
            var channel = title
            if title.hasPrefix("CH"), let colon = title.firstIndex(of: ":") { channel = String(title[..<colon]).trimmingSpaces() }
            result.append((channel, title, dataSets))
        }
        return result
    }

    /// The data arrays of one data set by lower-cased `Description`.
    static func dataArrays(_ values: [Any]) -> DataArrays {
        var arrays: DataArrays = [:]
        for case let a as [String: Any] in values {
            guard let d = value(a, "Description") as? String else { continue }
            let unit = value(a, "Unit") as? [String: Any] ?? [:]
            let q = value(unit, "Q") as? String ?? ""
            let type = value(unit, "Type") as? String ?? ""
            let dv = (value(a, "DataValues") as? [Any] ?? []).map { e -> Double in
                guard let e = e as? [String: Any], let v = value(e, "V") else { return .nan }
                return (v as? NSNumber)?.doubleValue ?? .nan
            }
            arrays[d.lowercased()] = (q, type, dv)
        }
        return arrays
    }

    /// Appends one data set's points to `rows`; their record numbers (0-based) continue from `records`.
    static func appendRows(_ arrays: DataArrays, to rows: inout RowCollector, records: inout Int,
                           provenance: inout [String], file: String, title: String) throws(ReaderError) {
        guard let freq = arrays["frequency"] else { return }
        var re: [Double] = [], im: [Double] = []
        var note: String
        if let r = arrays["zre"], let i = arrays["zim"], r.v.count == freq.v.count, i.v.count == freq.v.count {
            let negated = i.q.hasPrefix("-")
            note = "ZIm unit quantity '\(i.q)': \(negated ? "holds -Im(Z), negated" : "holds Im(Z)")"
            re = r.v
            im = negated ? i.v.map { -$0 } : i.v
        } else if let z = arrays["z"], let p = arrays["phase"], z.v.count == freq.v.count, p.v.count == freq.v.count {
            let negated = p.q.hasPrefix("-")
            note = "Z from |Z| and phase (degrees, quantity '\(p.q)')"
            for k in 0..<z.v.count {
                let phi = (negated ? -p.v[k] : p.v[k]) * .pi / 180
                re.append(z.v[k] * Foundation.cos(phi)); im.append(z.v[k] * Foundation.sin(phi))
            }
        } else {
            throw .missingColumn(file: file, at: .file, column: "ZRe and ZIm (or Z and Phase) in measurement '\(title)'")
        }
        if !provenance.contains(note) { provenance.append(note) }
        let current = arrays["idc"].map { a in a.v.map { $0 * (a.type.contains("MicroAmpere") ? 1e-6 : a.type.contains("MilliAmpere") ? 1e-3 : 1) } }
        let potential = arrays["medc"]?.v ?? arrays["potential"]?.v
        let time = arrays["time"]?.v
        for k in 0..<freq.v.count {
            rows.add(frequency: freq.v[k], real: re[k], imaginary: im[k], position: records + k,
                     time: time.flatMap { k < $0.count ? $0[k] : nil },
                     potential: potential.flatMap { k < $0.count ? $0[k] : nil },
                     current: current.flatMap { k < $0.count ? $0[k] : nil })
        }
        records += freq.v.count
    }

    /// Case-insensitive dictionary lookup.
    static func value(_ d: [String: Any], _ key: String) -> Any? {
        if let v = d[key] { return v }
        let lower = key.lowercased()
        return d.first { $0.key.lowercased() == lower }?.value
    }
}

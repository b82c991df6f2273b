import Foundation

/// PalmSens PSTrace sessions (`.pssession`): UTF-16LE JSON with a BOM and a stray trailing U+FEFF.
///
/// `Measurements[]` → `DataSet.Values[]`, each array with `Description` (`Frequency`, `ZRe`, `ZIm`, `Z`, `Phase`,
/// `Idc`, `potential`/`mEdc`, `time`), `Unit {Type, S, Q}` and `DataValues [{V: …}]`. `ZIm` with `Q: "-Z''"` holds −Im(Z)
/// and `Phase` with `Q: "-Phase"` holds −arg(Z) in degrees; the unit quantity decides the sign. Current arrays of
/// `Unit.Type` `…MicroAmpere` are in µA (×1e-6 → A). Keys are matched case-insensitively (old files use
/// `measurements`, `dataset`, `values`, `datavalues`). Measurements without a `Frequency` array (CV, DPV …) are
/// skipped and listed in provenance; several scans in one data set are split at the frequency reset.
enum PalmSensReader {
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
            guard let dataSet = value(m, "DataSet") as? [String: Any], let values = value(dataSet, "Values") as? [Any] else {
                skipped.append(title); continue
            }
            var arrays: [String: (q: String, type: String, v: [Double])] = [:]
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
            guard let freq = arrays["frequency"] else { skipped.append(title); continue }
            var provenance = ["PalmSens measurement '\(title)'"]
            var re: [Double] = [], im: [Double] = []
            if let r = arrays["zre"], let i = arrays["zim"], r.v.count == freq.v.count, i.v.count == freq.v.count {
                let negated = i.q.hasPrefix("-")
                provenance.append("ZIm unit quantity '\(i.q)': \(negated ? "holds -Im(Z), negated" : "holds Im(Z)")")
                re = r.v
                im = negated ? i.v.map { -$0 } : i.v
            } else if let z = arrays["z"], let p = arrays["phase"], z.v.count == freq.v.count, p.v.count == freq.v.count {
                let negated = p.q.hasPrefix("-")
                provenance.append("Z from |Z| and phase (degrees, quantity '\(p.q)')")
                for k in 0..<z.v.count {
                    let phi = (negated ? -p.v[k] : p.v[k]) * .pi / 180
                    re.append(z.v[k] * Foundation.cos(phi)); im.append(z.v[k] * Foundation.sin(phi))
                }
            } else {
                throw .missingColumn(file: file, at: .file, column: "ZRe and ZIm (or Z and Phase) in measurement '\(title)'")
            }
            let current = arrays["idc"].map { a in a.v.map { $0 * (a.type.contains("MicroAmpere") ? 1e-6 : a.type.contains("MilliAmpere") ? 1e-3 : 1) } }
            let potential = arrays["medc"]?.v ?? arrays["potential"]?.v
            let time = arrays["time"]?.v
            var rows = RowCollector(capacity: freq.v.count)
            for k in 0..<freq.v.count {
                rows.add(frequency: freq.v[k], real: re[k], imaginary: im[k], position: k,
                         time: time.flatMap { k < $0.count ? $0[k] : nil },
                         potential: potential.flatMap { k < $0.count ? $0[k] : nil },
                         current: current.flatMap { k < $0.count ? $0[k] : nil })
            }
            if !skipped.isEmpty { provenance.append("skipped non-EIS measurements: \(skipped.joined(separator: ", "))") }
            var spectra = SweepSplitter.split(rows, file: file, format: .palmsens, positions: .record, options: options,
                                              provenance: provenance, technique: "EIS",
                                              startDate: (value(m, "TimeStamp")).map { "\($0)" })
            for k in spectra.indices { spectra[k].metadata.index = result.count + k }
            result.append(contentsOf: spectra)
        }
        if result.isEmpty && !skipped.isEmpty {
            throw .noImpedanceData(file: file, reason: "no EIS measurement (skipped: \(skipped.joined(separator: ", ")))")
        }
        return result
    }

    /// Case-insensitive dictionary lookup.
    static func value(_ d: [String: Any], _ key: String) -> Any? {
        if let v = d[key] { return v }
        let lower = key.lowercased()
        return d.first { $0.key.lowercased() == lower }?.value
    }
}

import Foundation
import NyquistText
import NyquistFit

extension ExportTable {
    /// Column names in order (CSV header, JSON row keys).
    public var columns: [String] {
        ["series", "position", "file", "spectrum", "cycle", "status", "start"]
            + parameters.flatMap { [$0, $0 + "_se"] } + ["chi_square", "reduced_chi_square", "chi_square_over_modulus"]
            + ["kk", "kk_noise_percent", "warnings"]
    }

    /// The table as text in `format`. Numbers are written in the shortest form that reads back to the same double;
    /// a missing value is an empty CSV field or JSON `null`.
    public func text(_ format: ExportFormat) -> String {
        switch format {
        case .csv:
            var out = columns.joined(separator: ",") + "\n"
            for r in rows { out += cells(r).map { $0.csv }.joined(separator: ",") + "\n" }
            return out
        case .json:
            let s = fitSet
            var out = "{\n  \"fit_set\": {\"id\": \(s.id), \"circuit\": \(Cell.text(s.circuit).json), "
                + "\"mode\": \(Cell.text(s.mode?.rawValue).json), \"identity_rule\": \(Cell.text(s.identityRule).json), "
                + "\"settings_hash\": \(Cell.text(s.settingsHash).json), "
                + "\"program_version\": \(Cell.text(s.programVersion).json)},\n"
            out += "  \"parameters\": [" + parameters.map { Cell.text($0).json }.joined(separator: ", ") + "],\n"
            out += "  \"units\": {" + zip(parameters, units).map { "\(Cell.text($0).json): \(Cell.text($1).json)" }
                .joined(separator: ", ") + "},\n"
            out += "  \"rows\": [\n"
            let keys = columns.map { Cell.text($0).json }
            out += rows.map { r in
                "    {" + zip(keys, cells(r)).map { "\($0): \($1.json)" }.joined(separator: ", ") + "}"
            }.joined(separator: ",\n")
            return out + (rows.isEmpty ? "" : "\n") + "  ]\n}\n"
        }
    }

    /// Writes `text(format)` to `path` atomically: a temporary file in the same directory, then `rename(2)`.
    public func write(to path: String, format: ExportFormat) throws(StoreError) {
        try Self.writeAtomically(text(format), to: path)
    }

    /// Writes `text` to `path` atomically: a temporary file in the same directory, then `rename(2)`.
    static func writeAtomically(_ text: String, to path: String) throws(StoreError) {
        let directory = (path as NSString).deletingLastPathComponent
        let tmp = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: tmp)) } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw .cannotWrite(path: path, reason: reason)
        }
    }

    enum Cell {
        case text(String?)
        case int(Int?)
        case number(Double?)

        var csv: String {
            switch self {
            case .text(let s):
                guard let s else { return "" }
                return s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
                    ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            case .int(let i): return i.map(String.init) ?? ""
            case .number(let v): return v.map { "\($0)" } ?? ""
            }
        }

        var json: String {
            switch self {
            case .text(let s):
                return s.map(JSONString.quoted) ?? "null"
            case .int(let i): return i.map(String.init) ?? "null"
            case .number(let v): return v.flatMap { $0.isFinite ? "\($0)" : nil } ?? "null"
            }
        }
    }

    func cells(_ r: Row) -> [Cell] {
        var c: [Cell] = [.text(r.series), .int(r.position), .text(r.file), .int(r.spectrumIndex), .int(r.cycleLabel),
                         .text(r.status.rawValue), .text(r.start?.rawValue)]
        for (v, e) in zip(r.values, r.standardErrors) { c += [.number(v), .number(e)] }
        return c + [.number(r.chiSquare), .number(r.reducedChiSquare), .number(r.chiSquareOverModulus),
                    .text(r.kramersKronig?.status.rawValue), .number(r.kramersKronig?.noisePercent),
                    .text(FitWarning.exportText(r.warnings))]
    }
}

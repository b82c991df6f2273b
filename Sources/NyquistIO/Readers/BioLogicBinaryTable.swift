/// The raw data columns of an EC-Lab binary file (`.mpr`), by the names EC-Lab's text export gives them.
///
/// For readers other than the EIS one (the cycling reader of NyquistTracking): every known field of the `VMP data`
/// module decoded to `Double` — float32 widened exactly (`Double(Float)`), float64 as stored, unsigned integers
/// exactly — plus the flag bits present (`mode` 0…3, `ox/red`, `error`, `control changes`, `Ns changes`,
/// `counter inc.` as 0/1). Units are those in the names (`time/s` in s, `Ewe/V` in V, `I/mA` in mA,
/// `(Q-Qo)/mA.h` in mAh, `freq/Hz` in Hz). A name that occurs twice (e.g. ids 77 and 174, both `<Ewe>/V`) is kept
/// under the plain name for its first occurrence and `name 2` for the second. Known ids without a name in
/// ``BioLogicColumns/names`` appear as `column <id>`; a single unknown id is skipped (its width derived from the
/// module length) and noted in ``notes``.
///
/// ```swift
/// let table = try BioLogicBinaryTable.read(path: "cell.mpr")
/// let time = table.column("time/s")        // [Double]? (s)
/// ```
package struct BioLogicBinaryTable: Sendable {
    /// The file name used in errors.
    package var file: String
    /// Number of records.
    package var pointCount: Int
    /// The data module's column ids, in file order (flags included).
    package var columnIDs: [UInt16]
    /// Column names, in record order (flag columns first at the flag byte's position).
    package var names: [String]
    /// One array of `pointCount` values per name.
    package var values: [[Double]]
    /// The data module's version and point count, skipped ids, decoding notes.
    package var notes: [String]
    /// Date of the settings module, as stored (e.g. `04/15/22`), nil without one.
    package var date: String?

    /// The values of column `name` (exact match), nil when the file has no such column.
    package func column(_ name: String) -> [Double]? {
        names.firstIndex(of: name).map { values[$0] }
    }

    /// Reads the file at `path`.
    /// - Throws: `ReaderError` — `.unreadable` (missing file), `.emptyFile`, `.malformed` (no magic, no `VMP data`
    ///   module), `.truncated` (file cut inside a header, a module or the records), `.unsupported` (unknown data
    ///   module version; unknown column ids whose width cannot be derived, naming the ids).
    package static func read(path: String) throws(ReaderError) -> BioLogicBinaryTable {
        try read(bytes: SpectrumFile.loadBytes(path: path), file: path)
    }

    /// Decodes in-memory `.mpr` content; `file` names it in errors.
    package static func read(bytes: [UInt8], file: String) throws(ReaderError) -> BioLogicBinaryTable {
        guard !bytes.isEmpty else { throw .emptyFile(file: file) }
        let (module, date) = try BioLogicBinaryReader.dataModule(bytes, file: file)
        let layout = try BioLogicBinaryLayout(bytes, module, file: file)
        var names: [String] = []
        var values: [[Double]] = []
        var seen: [String: Int] = [:]
        func add(_ name: String, _ column: [Double]) {
            seen[name, default: 0] += 1
            names.append(seen[name] == 1 ? name : "\(name) \(seen[name] ?? 0)")
            values.append(column)
        }
        let n = layout.unknownWithoutData ? 0 : layout.points
        var flagsDone = layout.flagsOffset == nil
        func addFlags() {
            for id in layout.flagIDs {
                guard let name = BioLogicColumns.flagMasks[id]?.name else { continue }
                add(name, (0..<n).map { layout.flag(bytes, id, $0) })
            }
            flagsDone = true
        }
        for field in layout.fields {
            if !flagsDone, let f = layout.flagsOffset, field.offset > f { addFlags() }
            guard field.kind != nil else { continue }
            add(BioLogicColumns.names[field.id] ?? "column \(field.id)", (0..<n).map { layout.value(bytes, field, $0) })
        }
        if !flagsDone { addFlags() }
        return BioLogicBinaryTable(
            file: file, pointCount: n, columnIDs: layout.ids, names: names, values: values,
            notes: layout.provenance + ["float32 fields widened exactly to float64"], date: date?.nilIfEmpty)
    }
}

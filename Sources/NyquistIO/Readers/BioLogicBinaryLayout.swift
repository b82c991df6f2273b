/// The record layout of an EC-Lab `.mpr` data module and the decoding of its fields, shared by the EIS reader
/// (``BioLogicBinaryReader``) and the raw column table (``BioLogicBinaryTable``).
///
/// `VMP data` module: u32 point count, u8 column count, then the column ids — u8 each (version 0, records at byte
/// 100 of the module), a zero byte then u16 LE (version 0 from EC-Lab 11.50, records at 1007), or u16 LE (version 2:
/// records at 405; version 3: at 406) — then fixed-width little-endian records. Record width = Σ field widths; the
/// flag ids (1, 2, 3, 21, 31, 65) share one byte placed where the first of them appears. One unknown id is allowed:
/// its width is what the module length leaves per record; it is skipped and noted. Several unknown ids, or one wider
/// than 8 bytes, are `ReaderError.unsupported` naming the ids and the file.
struct BioLogicBinaryLayout {
    /// One column of a record.
    struct Field {
        /// The column id.
        var id: UInt16
        /// Offset in the record, bytes.
        var offset: Int
        /// Storage kind, nil for an unknown id.
        var kind: BioLogicColumns.Kind?
        /// Width, bytes.
        var width: Int
    }

    /// The column ids in file order, flags included.
    var ids: [UInt16]
    /// Non-flag fields in record order (unknown ids have `kind == nil`).
    var fields: [Field]
    /// Offset of the shared flags byte in a record, nil when the file has no flag ids.
    var flagsOffset: Int?
    /// The flag ids present, in file order.
    var flagIDs: [UInt16]
    /// Number of records.
    var points: Int
    /// Offset of the first record in the file, bytes.
    var recordsStart: Int
    /// Width of one record, bytes.
    var recordSize: Int
    /// Unknown ids in a file without data points: their widths are unknowable and do not matter.
    var unknownWithoutData: Bool
    /// Version, point and column counts, skipped ids.
    var provenance: [String]

    /// Lays out the data module `m` of `b`.
    /// - Throws: `.truncated` when the id list or the records run past the module, `.unsupported` for an unknown
    ///   module version or unknown ids whose width cannot be derived.
    init(_ b: [UInt8], _ m: BioLogicBinaryReader.Module, file: String) throws(ReaderError) {
        typealias R = BioLogicBinaryReader
        let d = m.dataStart
        guard m.length >= 5 else { throw .truncated(file: file, at: .byte(d), reason: "data module shorter than its 5-byte header") }
        let points = Int(R.u32(b, d))
        let columns = Int(b[d + 4])
        var ids: [UInt16]
        var recordsStart: Int
        var provenance = ["EC-Lab binary: data module version \(m.version), \(points) points, \(columns) columns"]
        switch m.version {
        case 0:
            if m.length > 5, b[d + 5] != 0 {
                guard 5 + columns <= m.length else { throw .truncated(file: file, at: .byte(d + 5), reason: "column id list incomplete") }
                ids = (0..<columns).map { UInt16(b[d + 5 + $0]) }
                recordsStart = d + 100
            } else {
                // EC-Lab ≥ 11.50: a zero byte, then u16 LE ids. (Reading only their low bytes, as galvani 0.5 does,
                // turns 471 `<Ece>/V` into "unknown id 215" and 880 into "112".)
                guard 6 + 2 * columns <= m.length else { throw .truncated(file: file, at: .byte(d + 5), reason: "column id list incomplete") }
                ids = (0..<columns).map { R.u16(b, d + 6 + 2 * $0) }
                recordsStart = d + 1007
            }
        case 2, 3:
            guard 5 + 2 * columns <= m.length else { throw .truncated(file: file, at: .byte(d + 5), reason: "column id list incomplete") }
            ids = (0..<columns).map { R.u16(b, d + 5 + 2 * $0) }
            recordsStart = d + (m.version == 3 ? 406 : 405)
        default:
            throw .unsupported(file: file, at: .byte(d - 12), reason: "data module version \(m.version) (known: 0, 2, 3)")
        }
        let available = d + m.length - recordsStart
        guard points == 0 || available >= 0 else {
            throw .truncated(file: file, at: .byte(d + m.length), reason: "data module ends before its records")
        }
        var fields: [Field] = []
        var offset = 0
        var flagsOffset: Int? = nil
        var flagIDs: [UInt16] = []
        var fieldsBeforeFlags = 0
        var unknown: [Int] = []
        for id in ids {
            if BioLogicColumns.flagIDs.contains(id) {
                if flagsOffset == nil { flagsOffset = offset; fieldsBeforeFlags = fields.count; offset += 1 }
                flagIDs.append(id)
                continue
            }
            if let kind = BioLogicColumns.kind(id) {
                let w = BioLogicColumns.width(kind)
                fields.append(Field(id: id, offset: offset, kind: kind, width: w))
                offset += w
            } else {
                unknown.append(fields.count)
                fields.append(Field(id: id, offset: offset, kind: nil, width: 0))
            }
        }
        var recordSize = offset
        var unknownWithoutData = false
        if !unknown.isEmpty {
            let list = unknown.map { String(fields[$0].id) }.joined(separator: ", ")
            if points == 0 {
                provenance.append("unknown column id(s) \(list); no data points, so their width does not matter")
                unknownWithoutData = true
            } else {
                guard unknown.count == 1, available / points > offset else {
                    throw .unsupported(file: file, at: .byte(d + 5),
                                       reason: "unknown column id(s) \(list) whose widths cannot be derived from the file")
                }
                let width = available / points - offset
                guard width <= 8 else {
                    throw .unsupported(file: file, at: .byte(d + 5), reason: "unknown column id \(list) would be \(width) bytes wide")
                }
                let k = unknown[0]
                fields[k].width = width
                for j in (k + 1)..<fields.count { fields[j].offset += width }
                if let f = flagsOffset, k < fieldsBeforeFlags { flagsOffset = f + width }
                recordSize += width
                provenance.append("unknown column id \(list) skipped; width \(width) bytes derived from the module length")
            }
        }
        guard points == 0 || available >= points * recordSize else {
            throw .truncated(file: file, at: .byte(recordsStart + available),
                             reason: "\(points) records of \(recordSize) bytes need \(points * recordSize) bytes, \(max(available, 0)) present")
        }
        self.ids = ids
        self.fields = fields
        self.flagsOffset = flagsOffset
        self.flagIDs = flagIDs
        self.points = points
        self.recordsStart = recordsStart
        self.recordSize = recordSize
        self.unknownWithoutData = unknownWithoutData
        self.provenance = provenance
    }

    /// The first known field with `role` (see ``BioLogicColumns/roles``).
    func find(_ role: BioLogicColumns.Role) -> Field? {
        fields.first { BioLogicColumns.roles[$0.id] == role }
    }

    /// Field `f` of record `p`: float32 widened exactly (`Double(Float)`), float64 as is, unsigned integers
    /// converted exactly; NaN for an unknown id. Only valid for `p < points` (bounds checked by `init`).
    func value(_ b: [UInt8], _ f: Field, _ p: Int) -> Double {
        let o = recordsStart + p * recordSize + f.offset
        switch f.kind {
        case .f4?: return Double(Float(bitPattern: BioLogicBinaryReader.u32(b, o)))
        case .f8?: return Double(bitPattern: BioLogicBinaryReader.u64(b, o))
        case .u1?: return Double(b[o])
        case .u2?: return Double(BioLogicBinaryReader.u16(b, o))
        case .u4?: return Double(BioLogicBinaryReader.u32(b, o))
        case nil: return .nan
        }
    }

    /// Flag `id` of record `p`: (flags byte & mask) shifted down to its lowest set bit (mode: 0…3; the others 0/1).
    func flag(_ b: [UInt8], _ id: UInt16, _ p: Int) -> Double {
        guard let f = flagsOffset, let mask = BioLogicColumns.flagMasks[id]?.mask else { return .nan }
        let byte = b[recordsStart + p * recordSize + f] & mask
        return Double(byte >> UInt8(mask.trailingZeroBitCount))
    }
}

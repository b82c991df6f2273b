import Foundation

/// BioLogic EC-Lab binary files (`.mpr`).
///
/// Layout: a 52-byte magic (`BIO-LOGIC MODULAR FILE\x1a`, space padded to 48, 4 zero bytes), then modules, each
/// `MODULE` + short name (10 bytes) + long name (25) + header. If the 4 bytes after the long name are FF FF FF FF
/// (EC-Lab ≥ 11.50) the header is max-length, length, version, unknown (u32 each) + 8-byte date; otherwise length,
/// version (u32) + date. Module data follow.
/// `VMP data`: u32 point count, u8 column count, then the column ids — u8 each (version 0, data at byte 100),
/// a zero byte then u16 LE (version 0 from EC-Lab 11.50, data at 1007), or u16 LE (version 2: data at 405; version 3: at 406) — then
/// fixed-width little-endian records. Record width = Σ field widths (flag ids share one byte). One unknown id is
/// allowed: its width is what the module length leaves per record; it is skipped and noted in provenance.
/// Float32 fields are widened exactly (`Double(Float)`), so 0.1 reads 0.10000000149011612 as galvani does.
/// Z″ = −(−Im(Z)); Modulo Bat files store only |Z| and Phase(Z)/deg: Z = |Z|·(cos φ + j sin φ).
enum BioLogicBinaryReader {
    struct Module {
        var name: String
        var version: UInt32
        var date: String
        var dataStart: Int
        var length: Int
    }

    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        let magic = Array("BIO-LOGIC MODULAR FILE".utf8)
        guard bytes.starts(with: magic) else { throw .malformed(file: file, at: .byte(0), reason: "missing 'BIO-LOGIC MODULAR FILE' magic") }
        guard bytes.count >= 52 else { throw .truncated(file: file, at: .byte(bytes.count), reason: "file ends inside the 52-byte magic") }
        let modules = try readModules(bytes, file: file)
        guard let data = modules.first(where: { $0.name == "VMP data" }) else {
            throw .malformed(file: file, at: .byte(bytes.count), reason: "no 'VMP data' module")
        }
        let settings = modules.first { $0.name == "VMP Set" }
        return try readData(bytes, data, file: file, options: options, date: settings?.date)
    }

    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 {
        UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
    }
    static func u16(_ b: [UInt8], _ o: Int) -> UInt16 { UInt16(b[o]) | UInt16(b[o + 1]) << 8 }
    static func u64(_ b: [UInt8], _ o: Int) -> UInt64 { UInt64(u32(b, o)) | UInt64(u32(b, o + 4)) << 32 }

    static func readModules(_ b: [UInt8], file: String) throws(ReaderError) -> [Module] {
        var modules: [Module] = []
        var o = 52
        let tag = Array("MODULE".utf8)
        while o < b.count {
            guard o + 6 <= b.count, Array(b[o..<o + 6]) == tag else {
                throw .malformed(file: file, at: .byte(o), reason: "expected 'MODULE' tag")
            }
            let h = o + 6
            guard h + 51 <= b.count else { throw .truncated(file: file, at: .byte(h), reason: "module header incomplete") }
            let name = String(decoding: b[h..<h + 10], as: UTF8.self).trimmingSpaces()
            let v2 = b[h + 35] == 0xFF && b[h + 36] == 0xFF && b[h + 37] == 0xFF && b[h + 38] == 0xFF
            let headerSize = v2 ? 59 : 51
            guard h + headerSize <= b.count else { throw .truncated(file: file, at: .byte(h), reason: "module header incomplete") }
            let length = Int(v2 ? u32(b, h + 39) : u32(b, h + 35))
            let version = v2 ? u32(b, h + 43) : u32(b, h + 39)
            let dateOffset = v2 ? h + 51 : h + 43
            let date = String(decoding: b[dateOffset..<dateOffset + 8], as: UTF8.self).trimmingSpaces()
            let start = h + headerSize
            guard length <= b.count - start else {
                throw .truncated(file: file, at: .byte(start), reason: "module '\(name)' announces \(length) bytes, \(b.count - start) remain")
            }
            modules.append(Module(name: name, version: version, date: date, dataStart: start, length: length))
            o = start + length
        }
        return modules
    }

    struct Field { var id: UInt16; var offset: Int; var kind: BioLogicColumns.Kind? ; var width: Int }

    static func readData(_ b: [UInt8], _ m: Module, file: String, options: ReadOptions, date: String?) throws(ReaderError) -> [Spectrum] {
        let d = m.dataStart
        guard m.length >= 5 else { throw .truncated(file: file, at: .byte(d), reason: "data module shorter than its 5-byte header") }
        let points = Int(u32(b, d))
        let columns = Int(b[d + 4])
        var ids: [UInt16] = []
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
                ids = (0..<columns).map { u16(b, d + 6 + 2 * $0) }
                recordsStart = d + 1007
            }
        case 2, 3:
            guard 5 + 2 * columns <= m.length else { throw .truncated(file: file, at: .byte(d + 5), reason: "column id list incomplete") }
            ids = (0..<columns).map { u16(b, d + 5 + 2 * $0) }
            recordsStart = d + (m.version == 3 ? 406 : 405)
        default:
            throw .unsupported(file: file, at: .byte(d - 12), reason: "data module version \(m.version) (known: 0, 2, 3)")
        }
        let available = d + m.length - recordsStart
        guard points == 0 || available >= 0 else {
            throw .truncated(file: file, at: .byte(d + m.length), reason: "data module ends before its records")
        }
        // Layout.
        var fields: [Field] = []
        var offset = 0
        var flagsPlaced = false
        var unknown: [Int] = []
        for id in ids {
            if BioLogicColumns.flagIDs.contains(id) {
                if !flagsPlaced { flagsPlaced = true; offset += 1 }
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
        if !unknown.isEmpty {
            let list = unknown.map { String(fields[$0].id) }.joined(separator: ", ")
            guard points > 0 else {
                provenance.append("unknown column id(s) \(list); no data points, so their width does not matter")
                return []
            }
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
            recordSize += width
            provenance.append("unknown column id \(list) skipped; width \(width) bytes derived from the module length")
        }
        guard points == 0 || available >= points * recordSize else {
            throw .truncated(file: file, at: .byte(recordsStart + available),
                             reason: "\(points) records of \(recordSize) bytes need \(points * recordSize) bytes, \(max(available, 0)) present")
        }
        func find(_ role: BioLogicColumns.Role) -> Field? {
            fields.first { BioLogicColumns.roles[$0.id] == role }
        }
        guard let freq = find(.frequency) else {
            throw .noImpedanceData(file: file, reason: "no freq/Hz column (column ids: \(ids.map(String.init).joined(separator: ", ")))")
        }
        let re = find(.real), im = find(.negImaginary), mod = find(.modulus), ph = find(.phaseDegrees)
        let polar: Bool
        if re != nil && im != nil {
            polar = false
            provenance.append("Z from Re(Z)/Ohm and -Im(Z)/Ohm: Im(Z) = -(-Im(Z))")
        } else if mod != nil && ph != nil {
            polar = true
            provenance.append("no Re/Im columns: Z = |Z|·exp(j·Phase(Z)), phase in degrees")
        } else {
            throw .missingColumn(file: file, at: .byte(d + 5), column: "Re(Z)/Ohm and -Im(Z)/Ohm (or |Z|/Ohm and Phase(Z)/deg)")
        }
        provenance.append("float32 fields widened exactly to float64")
        let time = find(.time), pot = find(.potential), cur = find(.currentMilliamp)
        let label = find(.zCycle) ?? find(.cycle)
        if let label { provenance.append("cycle label from '\(BioLogicColumns.names[label.id] ?? "")' (label only)") }
        func value(_ f: Field, _ r: Int) -> Double {
            let o = r + f.offset
            switch f.kind {
            case .f4?: return Double(Float(bitPattern: u32(b, o)))
            case .f8?: return Double(bitPattern: u64(b, o))
            case .u1?: return Double(b[o])
            case .u2?: return Double(u16(b, o))
            case .u4?: return Double(u32(b, o))
            case nil: return .nan
            }
        }
        var rows = RowCollector(capacity: points)
        let degree = Double.pi / 180
        for p in 0..<points {
            let r = recordsStart + p * recordSize
            var zr: Double, zi: Double
            if polar, let mod, let ph {
                let phi = value(ph, r) * degree
                let mag = value(mod, r)
                zr = mag * Foundation.cos(phi)
                zi = mag * Foundation.sin(phi)
            } else if let re, let im {
                zr = value(re, r)
                zi = -value(im, r)
            } else { continue }
            let l = label.map { value($0, r) }
            rows.add(frequency: value(freq, r), real: zr, imaginary: zi, position: p,
                     label: l.flatMap { $0.isFinite && abs($0) < 1e15 ? Int($0.rounded()) : nil },
                     time: time.map { value($0, r) }, potential: pot.map { value($0, r) },
                     current: cur.map { value($0, r) * 1e-3 })
        }
        return SweepSplitter.split(rows, file: file, format: .biologicMPR, positions: .record, options: options,
                                   provenance: provenance, startDate: date?.nilIfEmpty)
    }
}

import Foundation

/// BioLogic EC-Lab binary files (`.mpr`).
///
/// Layout: a 52-byte magic (`BIO-LOGIC MODULAR FILE\x1a`, space padded to 48, 4 zero bytes), then modules, each
/// `MODULE` + short name (10 bytes) + long name (25) + header. If the 4 bytes after the long name are FF FF FF FF
/// (EC-Lab ≥ 11.50) the header is max-length, length, version, unknown (u32 each) + 8-byte date; otherwise length,
/// version (u32) + date. Module data follow.
/// The data module's layout and decoding: ``BioLogicBinaryLayout``; raw columns by name: ``BioLogicBinaryTable``.
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
        let (data, date) = try dataModule(bytes, file: file)
        return try readData(bytes, data, file: file, options: options, date: date)
    }

    /// The `VMP data` module and the date of the `VMP Set` module (nil without one).
    /// - Throws: `.malformed` (no magic, no data module, bad module tag), `.truncated` (file ends inside a header or
    ///   a module).
    static func dataModule(_ bytes: [UInt8], file: String) throws(ReaderError) -> (Module, String?) {
        let magic = Array("BIO-LOGIC MODULAR FILE".utf8)
        guard bytes.starts(with: magic) else { throw .malformed(file: file, at: .byte(0), reason: "missing 'BIO-LOGIC MODULAR FILE' magic") }
        guard bytes.count >= 52 else { throw .truncated(file: file, at: .byte(bytes.count), reason: "file ends inside the 52-byte magic") }
        let modules = try readModules(bytes, file: file)
        guard let data = modules.first(where: { $0.name == "VMP data" }) else {
            throw .malformed(file: file, at: .byte(bytes.count), reason: "no 'VMP data' module")
        }
        return (data, modules.first { $0.name == "VMP Set" }?.date)
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

    static func readData(_ b: [UInt8], _ m: Module, file: String, options: ReadOptions, date: String?) throws(ReaderError) -> [Spectrum] {
        let layout = try BioLogicBinaryLayout(b, m, file: file)
        if layout.unknownWithoutData { return [] }
        let points = layout.points, ids = layout.ids, d = m.dataStart
        var provenance = layout.provenance
        func find(_ role: BioLogicColumns.Role) -> BioLogicBinaryLayout.Field? { layout.find(role) }
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
        func value(_ f: BioLogicBinaryLayout.Field, _ p: Int) -> Double { layout.value(b, f, p) }
        var rows = RowCollector(capacity: points)
        let degree = Double.pi / 180
        for p in 0..<points {
            let r = p
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

import Foundation

extension CellDescription {
    enum KeyOutcome { case set, unknown, invalid(String) }

    /// The allowed range of a numeric key.
    enum Range: Sendable {
        case positive, nonNegative, unitInterval, openUnitInterval, count

        func check(_ v: Double) -> String? {
            switch self {
            case .positive: return v > 0 ? nil : "must be > 0"
            case .nonNegative: return v >= 0 ? nil : "must be ≥ 0"
            case .unitInterval: return (0...1).contains(v) ? nil : "must be in [0, 1]"
            case .openUnitInterval: return v > 0 && v <= 1 ? nil : "must be in (0, 1]"
            case .count: return v >= 1 && v <= 1000 && v == v.rounded() ? nil : "must be a whole number in 1…1000"
            }
        }
    }

    /// How a numeric key is stored.
    enum Target: Sendable {
        case value(WritableKeyPath<CellDescription, Double> & Sendable)
        case optional(WritableKeyPath<CellDescription, Double?> & Sendable)
        case integer(WritableKeyPath<CellDescription, Int> & Sendable)
        /// Stored as |v| (a volume strain is given with either sign).
        case magnitude(WritableKeyPath<CellDescription, Double> & Sendable)
    }

    /// The numeric keys of a cell file (see docs/tracking.md), in documentation order.
    static let numericTable: [(key: String, target: Target, range: Range?)] = [
        ("diameter_cm", .value(\.diameterCm), .positive),
        ("area_cm2", .optional(\.areaOverride), .positive),
        ("cam_loading_mg_cm2", .value(\.camLoading), .positive),
        ("cam_weight", .value(\.camWeight), .positive),
        ("se_weight", .value(\.seWeight), .nonNegative),
        ("carbon_weight", .value(\.carbonWeight), .nonNegative),
        ("thickness_um", .value(\.thicknessUm), .positive),
        ("cam_density_g_cm3", .value(\.camDensity), .positive),
        ("cam_d50_um", .value(\.camD50Um), .positive),
        ("se_molar_mass_g_mol", .value(\.seMolarMass), .positive),
        ("se_molar_volume_ml_mol", .value(\.seMolarVolume), .positive),
        ("chi", .value(\.chi), .unitInterval),
        ("first_cycle_cam_loss_mah", .value(\.firstCycleCAMLossMAh), .nonNegative),
        ("contact_fraction", .value(\.contactFraction), .openUnitInterval),
        ("interphase_conductivity_s_cm", .value(\.interphaseConductivity), .positive),
        ("initial_interphase_nm", .value(\.initialInterphaseNm), .nonNegative),
        ("reference_capacity_mah", .optional(\.referenceCapacityMAh), .positive),
        ("void_share", .value(\.voidShare), .unitInterval),
        ("ratchet", .value(\.ratchet), .unitInterval),
        ("gap_nm", .value(\.gapNm), .positive),
        ("contacts", .integer(\.contacts), .count),
        ("minimum_contacts", .integer(\.minimumContacts), .count),
        ("breathing_transfer", .value(\.breathingTransfer), .positive),
        ("cam_volume_strain", .magnitude(\.camVolumeStrain), nil),
        ("creep_time_h", .optional(\.creepTimeHours), .positive),
        ("cycle_hours", .optional(\.cycleHours), .positive),
        ("percolation_threshold", .value(\.percolationThreshold), .openUnitInterval),
        ("percolation_exponent", .value(\.percolationExponent), .positive),
        ("cam_electronic_conductivity_s_cm", .optional(\.camElectronicConductivity), .positive),
    ]

    static let numericKeys = numericTable.map(\.key)

    /// Sets numeric `key` to `v` after checking its range.
    static func setNumeric(_ key: String, _ v: Double, in cell: inout CellDescription) -> KeyOutcome {
        guard let entry = numericTable.first(where: { $0.key == key }) else { return .unknown }
        if let reason = entry.range?.check(v) { return .invalid(reason) }
        switch entry.target {
        case .value(let path): cell[keyPath: path] = v
        case .optional(let path): cell[keyPath: path] = v
        case .integer(let path): cell[keyPath: path] = Int(v)
        case .magnitude(let path): cell[keyPath: path] = abs(v)
        }
        return .set
    }

    /// Reads a cell file.
    public static func read(path: String) throws(TrackingError) -> CellDescription {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(TrackingLocation(source: path), reason: error.localizedDescription)
        }
        return try parse(text: text, source: path)
    }

    /// Parses `key = value` lines (a TOML subset): `#` starts a comment, `[section]` headers are ignored, keys are
    /// case-insensitive, string values may be quoted. Unknown or repeated keys and bad values are errors with the
    /// line number; omitted keys keep their defaults.
    public static func parse(text: String, source: String = "<string>") throws(TrackingError) -> CellDescription {
        var cell = CellDescription()
        var seen: Set<String> = []
        var lineNumber = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let at = TrackingLocation(source: source, line: lineNumber)
            var line = String(raw)
            if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || (line.hasPrefix("[") && line.hasSuffix("]")) { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw .badCellEntry(at, key: line, reason: "expected 'key = value'")
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard !seen.contains(key) else { throw .badCellEntry(at, key: key, reason: "given twice") }
            seen.insert(key)
            switch key {
            case "pathway":
                guard let p = DecompositionPathway(rawValue: value.lowercased()) else {
                    throw .badCellEntry(at, key: key, reason: "'\(value)' is not full or li3ps4")
                }
                cell.pathway = p
            case "se_density_basis":
                switch value.lowercased() {
                case "paper": cell.seMolarVolume = 163.64
                case "xray": cell.seMolarVolume = 143.9
                default: throw .badCellEntry(at, key: key, reason: "'\(value)' is not paper or xray")
                }
            case "carbon_free":
                switch value.lowercased() {
                case "true", "yes", "1": cell.carbonFreeOverride = true
                case "false", "no", "0": cell.carbonFreeOverride = false
                default: throw .badCellEntry(at, key: key, reason: "'\(value)' is not true or false")
                }
            case "name", "cam", "se": continue
            default:
                guard numericKeys.contains(key) else {
                    let known = (numericKeys + ["pathway", "se_density_basis", "carbon_free", "name", "cam", "se"]).sorted()
                    throw .badCellEntry(at, key: key, reason: "unknown key (known: \(known.joined(separator: ", ")))")
                }
                guard let number = Double(value), number.isFinite else {
                    throw .badCellEntry(at, key: key, reason: "'\(value)' is not a finite number")
                }
                if case .invalid(let problem) = setNumeric(key, number, in: &cell) {
                    throw .badCellEntry(at, key: key, reason: "\(value) \(problem)")
                }
            }
        }
        if cell.minimumContacts > cell.contacts {
            throw .badCellEntry(
                TrackingLocation(source: source), key: "minimum_contacts", reason: "exceeds contacts (\(cell.contacts))")
        }
        if cell.creepTimeHours != nil, cell.cycleHours == nil {
            throw .badCellEntry(
                TrackingLocation(source: source), key: "creep_time_h",
                reason: "needs cycle_hours (the duration of one cycle) to integrate the creep closure")
        }
        return cell
    }
}

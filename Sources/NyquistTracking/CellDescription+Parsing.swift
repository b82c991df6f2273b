import Foundation

extension CellDescription {
    enum KeyOutcome { case set, unknown, invalid(String) }

    /// The numeric keys of a cell file (see docs/tracking.md): sets `key` to `v` after checking its range.
    static func setNumeric(_ key: String, _ v: Double, in cell: inout CellDescription) -> KeyOutcome {
        switch key {
        case "diameter_cm":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.diameterCm = v
        case "area_cm2":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.areaOverride = v
        case "cam_loading_mg_cm2":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.camLoading = v
        case "cam_weight":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.camWeight = v
        case "se_weight":
            guard v >= 0 else { return .invalid("must be ≥ 0") }
            cell.seWeight = v
        case "carbon_weight":
            guard v >= 0 else { return .invalid("must be ≥ 0") }
            cell.carbonWeight = v
        case "thickness_um":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.thicknessUm = v
        case "cam_density_g_cm3":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.camDensity = v
        case "cam_d50_um":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.camD50Um = v
        case "se_molar_mass_g_mol":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.seMolarMass = v
        case "se_molar_volume_ml_mol":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.seMolarVolume = v
        case "chi":
            guard (0...1).contains(v) else { return .invalid("must be in [0, 1]") }
            cell.chi = v
        case "first_cycle_cam_loss_mah":
            guard v >= 0 else { return .invalid("must be ≥ 0") }
            cell.firstCycleCAMLossMAh = v
        case "contact_fraction":
            guard v > 0 && v <= 1 else { return .invalid("must be in (0, 1]") }
            cell.contactFraction = v
        case "interphase_conductivity_s_cm":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.interphaseConductivity = v
        case "initial_interphase_nm":
            guard v >= 0 else { return .invalid("must be ≥ 0") }
            cell.initialInterphaseNm = v
        case "reference_capacity_mah":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.referenceCapacityMAh = v
        case "void_share":
            guard (0...1).contains(v) else { return .invalid("must be in [0, 1]") }
            cell.voidShare = v
        case "ratchet":
            guard v >= 0 && v <= 1 else { return .invalid("must be in [0, 1]") }
            cell.ratchet = v
        case "gap_nm":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.gapNm = v
        case "contacts":
            guard v >= 1, v <= 1000, v == v.rounded() else { return .invalid("must be a whole number in 1…1000") }
            cell.contacts = Int(v)
        case "minimum_contacts":
            guard v >= 1, v <= 1000, v == v.rounded() else { return .invalid("must be a whole number in 1…1000") }
            cell.minimumContacts = Int(v)
        case "breathing_transfer":
            guard v > 0 else { return .invalid("must be > 0") }
            cell.breathingTransfer = v
        case "cam_volume_strain": cell.camVolumeStrain = abs(v)
        default: return .unknown
        }
        return .set
    }

    static let numericKeys = [
        "diameter_cm", "area_cm2", "cam_loading_mg_cm2", "cam_weight", "se_weight", "carbon_weight",
        "thickness_um", "cam_density_g_cm3", "cam_d50_um", "se_molar_mass_g_mol", "se_molar_volume_ml_mol",
        "chi", "first_cycle_cam_loss_mah", "contact_fraction", "interphase_conductivity_s_cm",
        "initial_interphase_nm", "reference_capacity_mah", "void_share", "ratchet", "gap_nm", "contacts",
        "minimum_contacts", "breathing_transfer", "cam_volume_strain"
    ]

    /// Reads a cell file.
    public static func read(path: String) throws(TrackingError) -> CellDescription {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(SourceLocation(source: path), reason: error.localizedDescription)
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
            let at = SourceLocation(source: source, line: lineNumber)
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
            case "name", "cam", "se": continue
            default:
                guard numericKeys.contains(key) else {
                    let known = (numericKeys + ["pathway", "se_density_basis", "name", "cam", "se"]).sorted()
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
                SourceLocation(source: source), key: "minimum_contacts", reason: "exceeds contacts (\(cell.contacts))")
        }
        return cell
    }
}

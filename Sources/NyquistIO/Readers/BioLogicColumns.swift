/// Column ids of EC-Lab `.mpr` data modules: field width in bytes and, for the ids the reader uses, a role.
///
/// The ids and widths are facts of the file format, established from files: f4 = little-endian float32, f8 =
/// float64, u1/u2/u4 = unsigned integers. Ids 1, 2, 3, 21, 31, 65 are bit fields packed into one shared `flags` byte.
/// 211/212 and 467/468 are the same quantities (Q charge/discharge, half cycle) written by different EC-Lab versions.
enum BioLogicColumns {
    enum Role: Sendable { case frequency, real, negImaginary, modulus, phaseDegrees, time, potential, currentMilliamp, cycle, zCycle }
    enum Kind: Sendable { case f4, f8, u1, u2, u4 }

    static let flagIDs: Set<UInt16> = [1, 2, 3, 21, 31, 65]

    static let roles: [UInt16: Role] = [
        32: .frequency, 37: .real, 38: .negImaginary, 36: .modulus, 35: .phaseDegrees, 4: .time, 77: .potential,
        174: .potential, 6: .potential, 76: .currentMilliamp, 11: .currentMilliamp, 8: .currentMilliamp, 24: .cycle,
        213: .zCycle, 469: .zCycle,
    ]

    /// Column names as EC-Lab's text export writes them (ids cross-checked against galvani's BioLogic.py table and
    /// the `.mpt` twins of the yadg test files). Known ids without a name here are called `column <id>`.
    static let names: [UInt16: String] = [
        4: "time/s", 5: "control/V/mA", 6: "Ewe/V", 7: "dq/mA.h", 8: "I/mA", 9: "Ece/V", 11: "<I>/mA",
        13: "(Q-Qo)/mA.h", 16: "Analog IN 1/V", 17: "Analog IN 2/V", 19: "control/V", 20: "control/mA",
        23: "dQ/mA.h", 24: "cycle number", 26: "Rapp/Ohm", 27: "Ewe-Ece/V", 32: "freq/Hz", 33: "|Ewe|/V",
        34: "|I|/A", 35: "Phase(Z)/deg", 36: "|Z|/Ohm", 37: "Re(Z)/Ohm", 38: "-Im(Z)/Ohm", 39: "I Range",
        69: "R/Ohm", 70: "P/W", 74: "|Energy|/W.h", 76: "<I>/mA", 77: "<Ewe>/V", 123: "Energy charge/W.h",
        124: "Energy discharge/W.h", 125: "Capacitance charge/µF", 126: "Capacitance discharge/µF", 131: "Ns",
        174: "<Ewe>/V", 211: "Q charge/discharge/mA.h", 212: "half cycle", 213: "z cycle", 438: "step time/s",
        462: "Temperature/°C", 467: "Q charge/discharge/mA.h", 468: "half cycle", 469: "z cycle",
        471: "<Ece>/V", 498: "Q charge/mA.h", 499: "Q discharge/mA.h", 500: "step time/s",
        501: "Efficiency/%", 502: "Capacity/mA.h",
    ]

    /// The flag ids: name and bit mask in the shared flags byte.
    static let flagMasks: [UInt16: (name: String, mask: UInt8)] = [
        1: ("mode", 0x03), 2: ("ox/red", 0x04), 3: ("error", 0x08), 21: ("control changes", 0x10),
        31: ("Ns changes", 0x20), 65: ("counter inc.", 0x80),
    ]

    private static let f8: Set<UInt16> = [4, 7, 11, 13, 23, 24, 74, 123, 124, 125, 126, 211, 438, 467, 498, 499, 500, 501, 502]
    private static let u2: Set<UInt16> = [39, 131]
    private static let u4: Set<UInt16> = [212, 213, 468, 469]
    private static let u1: Set<UInt16> = [509]
    private static let f4: Set<UInt16> = Set<UInt16>([
        5, 6, 8, 9, 16, 17, 19, 20, 26, 27, 69, 70, 75, 76, 77, 78, 96, 98, 99, 100, 101, 163, 168, 169, 172, 173, 174,
        178, 179, 217, 218, 220, 221, 223, 224, 271, 272, 301, 302, 331, 332, 361, 362, 391, 392, 441, 462, 471, 473,
        474, 476, 477, 479, 480, 505,
    ]).union(32...38).union(230...242).union(422...426).union(430...435).union(486...497)

    /// The storage kind of a known id, nil when unknown.
    static func kind(_ id: UInt16) -> Kind? {
        if f4.contains(id) { return .f4 }
        if f8.contains(id) { return .f8 }
        if u2.contains(id) { return .u2 }
        if u4.contains(id) { return .u4 }
        if u1.contains(id) { return .u1 }
        return nil
    }

    static func width(_ kind: Kind) -> Int {
        switch kind {
        case .f4, .u4: 4
        case .f8: 8
        case .u1: 1
        case .u2: 2
        }
    }
}

/// Builds synthetic PalmSens `.pssession` files: UTF-16LE JSON with a leading BOM and the stray trailing U+FEFF
/// PSTrace writes.
public enum PalmSensSession {
    /// One `Values[]` array: `{"Description": d, "Unit": {"Q": q, "Type": type}, "DataValues": [{"V": …}, …]}`.
    public static func array(_ description: String, _ quantity: String, _ values: [Double], type: String = "x") -> String {
        "{\"Description\":\"\(description)\",\"Unit\":{\"Q\":\"\(quantity)\",\"Type\":\"\(type)\"},\"DataValues\":["
            + values.map { "{\"V\":\($0)}" }.joined(separator: ",") + "]}"
    }

    /// A `DataSet` holding Frequency (Hz), ZRe (Ω) and ZIm stored as −Z″ (Ω), as PSTrace writes them.
    public static func dataSet(frequency: [Double], zre: [Double], minusZim: [Double]) -> String {
        "{\"Values\":[" + array("Frequency", "Frequency", frequency) + "," + array("ZRe", "Z'", zre) + ","
            + array("ZIm", "-Z''", minusZim) + "]}"
    }

    /// The file bytes of `json`.
    public static func bytes(_ json: String) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for u in json.utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        return bytes + [0xFF, 0xFE]
    }

    /// A multiplexer session like PSTrace's `eis_3ch_4scan_5freq`: the measurement's own `DataSet` holds only the
    /// last channel; `EISDataList` has one entry per channel (`CH n: …`), each with one `SubScans[]` entry per scan.
    /// `channels` maps a channel number to its scans (ZRe, −Z″) over `frequency`.
    public static func multiplexer(frequency: [Double], channels: [(number: Int, scans: [(zre: [Double], minusZim: [Double])])]) -> String {
        let entries = channels.map { ch in
            "{\"Title\":\"CH \(ch.number): E dc scan\",\"SubScans\":["
                + ch.scans.enumerated().map { k, s in
                    "{\"Title\":\"scan \(k)\",\"DataSet\":" + dataSet(frequency: frequency, zre: s.zre, minusZim: s.minusZim) + "}"
                }.joined(separator: ",") + "]}"
        }
        let last = channels.last?.scans ?? []
        let own = dataSet(frequency: last.flatMap { _ in frequency }, zre: last.flatMap(\.zre), minusZim: last.flatMap(\.minusZim))
        return "{\"Measurements\":[{\"Title\":\"Impedance Spectroscopy\",\"DataSet\":\(own),\"EISDataList\":["
            + entries.joined(separator: ",") + "]}]}"
    }
}

/// JSON string literals written by hand where a whole `JSONEncoder` pass would cost more than the text (the C API's
/// labels, the export's JSON rows).
package enum JSONString {
    /// `s` as a JSON string literal (RFC 8259 §7): `"` and `\` escaped, `\n`, `\r`, `\t` by name, the other control
    /// characters U+0000…U+001F as `\u00XX`; everything else as is (UTF-8).
    package static func quoted(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

import Foundation

/// The JSON encoding of every `--format json` output (docs/outputs.md), shared by the CLI and the C API (NyquistC) so
/// that both print the same bytes for the same result: keys sorted, pretty-printed, slashes not escaped, a
/// non-finite number as the string `"inf"`, `"-inf"` or `"nan"`.
public enum ResultJSON {
    /// An encoder with the conventions above (`escapingSlashes`: `validate` keeps Foundation's `\/`).
    public static func encoder(escapingSlashes: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = escapingSlashes ? [.prettyPrinted, .sortedKeys] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// `value` as JSON text, followed by a line break.
    public static func string<T: Encodable>(_ value: T, escapingSlashes: Bool = false) throws -> String {
        String(decoding: try encoder(escapingSlashes: escapingSlashes).encode(value), as: UTF8.self) + "\n"
    }
}

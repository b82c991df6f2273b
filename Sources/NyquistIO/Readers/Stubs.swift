enum PalmSensReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        throw .unsupported(file: file, at: .file, reason: "not yet implemented")
    }
}
enum ZahnerReader {
    static func read(_ bytes: [UInt8], file: String, options: ReadOptions) throws(ReaderError) -> [Spectrum] {
        throw .unsupported(file: file, at: .file, reason: "not yet implemented")
    }
}

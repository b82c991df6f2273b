import Foundation

/// Entry point: read any supported instrument file into spectra.
///
/// ```swift
/// let spectra = try SpectrumFile.read(path: "cell.mpt")           // format detected from content
/// let csv = try SpectrumFile.read(path: "x.txt", format: .csv)     // forced
/// ```
/// Every spectrum has frequencies in Hz and Z = Z′ + jZ″ in Ω with Z″ signed (negative for a capacitor); what the
/// reader inferred (sign convention, decimal separator, split rule, units) is listed in `metadata.provenance`.
public enum SpectrumFile {
    /// The path that stands for standard input (`nyquist fit -`).
    public static let standardInputPath = "-"
    /// The name standard input goes by in errors and in ``SpectrumMetadata/sourceFile``.
    public static let standardInputName = "<stdin>"

    /// Reads the file at `path`. `format` overrides content detection.
    ///
    /// The path `-` reads all bytes of standard input instead; the format is then detected from the content alone
    /// (there is no extension), errors name `<stdin>`, and each spectrum's provenance begins with
    /// `read from standard input`.
    public static func read(path: String, format: FileFormat? = nil,
                            options: ReadOptions = .init()) throws(ReaderError) -> [Spectrum] {
        guard path == standardInputPath else {
            let bytes = try loadBytes(path: path)
            return try read(bytes: bytes, name: path, format: format, options: options)
        }
        let bytes = try loadStandardInput()
        var spectra = try read(bytes: bytes, name: standardInputName, format: format, options: options)
        for k in spectra.indices { spectra[k].metadata.provenance.insert("read from standard input ('-')", at: 0) }
        return spectra
    }

    /// Reads standard input to its end, mapping I/O failures to ``ReaderError/unreadable(file:reason:)``.
    public static func loadStandardInput() throws(ReaderError) -> [UInt8] {
        do {
            return [UInt8](try FileHandle.standardInput.readToEnd() ?? Data())
        } catch {
            throw .unreadable(file: standardInputName, reason: "standard input: \(error.localizedDescription)")
        }
    }

    /// Reads in-memory file content; `name` is used in errors and metadata (and its extension as a detection hint).
    public static func read(bytes: [UInt8], name: String, format: FileFormat? = nil,
                            options: ReadOptions = .init()) throws(ReaderError) -> [Spectrum] {
        guard !bytes.isEmpty else { throw .emptyFile(file: name) }
        guard let format = format ?? detect(bytes: bytes, name: name) else {
            throw .unknownFormat(file: name, reason: "content matches no supported format (try --format; known: \(FileFormat.names.joined(separator: ", ")))")
        }
        switch format {
        case .csv: return try GenericTableReader.read(bytes, file: name, options: options)
        case .biologicMPT: return try BioLogicTextReader.read(bytes, file: name, options: options)
        case .biologicMPR: return try BioLogicBinaryReader.read(bytes, file: name, options: options)
        case .gamryDTA: return try GamryReader.read(bytes, file: name, options: options)
        case .zplot: return try ZPlotReader.read(bytes, file: name, options: options)
        case .relaxis: return try RelaxISReader.read(bytes, file: name, options: options)
        case .chi: return try CHIReader.read(bytes, file: name, options: options)
        case .versastudio: return try VersaStudioReader.read(bytes, file: name, options: options)
        case .palmsens: return try PalmSensReader.read(bytes, file: name, options: options)
        case .zahnerISM: return try ZahnerReader.read(bytes, file: name, options: options)
        }
    }

    /// Reads a whole file, mapping I/O failures to ``ReaderError/unreadable(file:reason:)``.
    public static func loadBytes(path: String) throws(ReaderError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(file: path, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, reason: "permission denied or I/O error")
        }
        return [UInt8](data)
    }

    /// Detects the format from the content (magic bytes, first lines); the extension only breaks ties.
    /// Returns nil for binary content no reader knows.
    public static func detect(bytes: [UInt8], name: String) -> FileFormat? {
        let head = TextBuffer(Array(bytes.prefix(8192)))
        if head.encodingNote?.hasPrefix("decoded UTF-16") == true,
           head.bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "{") {
            return .palmsens
        }
        let lines = (0..<min(head.count, 12)).map { head.string($0).trimmingSpaces() }
        let first = lines.first ?? ""
        if let declared = FileSignature.declaredFormat(bytes, firstLines: lines) { return declared }
        if lines.contains(where: { $0.hasPrefix("<Segment") }) { return .versastudio }
        if first.contains("freq/Hz"), first.contains("\t") { return .biologicMPT }
        // Text: mostly printable bytes (tabs, CR/LF, Latin-1 letters allowed).
        let sample = head.bytes.prefix(4096)
        let control = sample.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }.count
        if !sample.isEmpty && control * 100 <= sample.count { return .csv }
        return nil
    }

    /// Base file name for messages.
    static func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}

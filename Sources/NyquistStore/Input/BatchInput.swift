import Foundation
import NyquistIO

/// Where a spectrum's bytes came from: the file path, its size in bytes and the SHA-256 of its content.
///
/// The content hash, not the path or the modification time, decides whether a spectrum is already in the store.
public struct SourceFile: Sendable, Hashable, Codable {
    public var path: String
    public var size: Int
    /// SHA-256 of the file's bytes, 64 hexadecimal digits.
    public var contentHash: String

    public init(path: String, size: Int, contentHash: String) {
        self.path = path
        self.size = size
        self.contentHash = contentHash
    }
}

/// One spectrum of a series and the file it came from.
public struct BatchSpectrum: Sendable {
    public var spectrum: Spectrum
    public var source: SourceFile

    public init(spectrum: Spectrum, source: SourceFile) {
        self.spectrum = spectrum
        self.source = source
    }
}

/// An ordered series of spectra — one cell's cycling experiment. In sequential mode each spectrum starts from the
/// previous one's result, so the order matters; different series are independent and run in parallel.
public struct BatchSeries: Sendable {
    /// A name that identifies the series in the store and in exports (the directory or file it came from).
    public var name: String
    public var spectra: [BatchSpectrum]

    public init(name: String, spectra: [BatchSpectrum]) {
        self.name = name
        self.spectra = spectra
    }

    /// An in-memory series (generated or already read data). Each spectrum gets its own source entry,
    /// `memory:NAME#i`, hashed over its frequencies and impedances, so unchanged spectra are recognised on a rerun.
    public init(name: String, spectra: [Spectrum]) {
        self.name = name
        self.spectra = spectra.enumerated().map { i, s in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(24 * s.count)
            for (f, z) in zip(s.frequencies, s.impedances) {
                for v in [f, z.real, z.imaginary] { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
            }
            return BatchSpectrum(spectrum: s, source: SourceFile(path: "memory:\(name)#\(i)", size: bytes.count,
                                                                 contentHash: SHA256.hex(bytes)))
        }
    }
}

/// Turns command-line inputs into series.
public enum BatchInput {
    /// Reads `paths` into series:
    /// - a directory is one series of all its spectrum files (not recursive, hidden files skipped);
    /// - a file holding several spectra is one series;
    /// - files holding one spectrum each are pooled, in the order of the rules below, into one series named `files`.
    ///
    /// Within a series spectra are sorted by cycle label (unlabelled last), then file name (digit runs compared as
    /// numbers: `c2` before `c10`), then start time, then position in the file.
    public static func series(from paths: [String]) throws(BatchInputError) -> [BatchSeries] {
        guard !paths.isEmpty else { throw .noInput }
        var result: [BatchSeries] = []
        var pooled: [BatchSpectrum] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadable(path: path, reason: "no such file or directory")
            }
            if isDirectory.boolValue {
                let names: [String]
                do { names = try fm.contentsOfDirectory(atPath: path) } catch {
                    throw .unreadable(path: path, reason: error.localizedDescription)
                }
                let files = names.filter {
                    !$0.hasPrefix(".") && spectrumFileExtensions.contains(($0 as NSString).pathExtension.lowercased())
                }.sorted(by: naturalLess)
                guard !files.isEmpty else { throw .emptyDirectory(path: path, extensions: spectrumFileExtensions) }
                var items: [BatchSpectrum] = []
                for f in files { items += try read((path as NSString).appendingPathComponent(f), skipUnrecognised: true) }
                guard !items.isEmpty else { throw .emptyDirectory(path: path, extensions: spectrumFileExtensions) }
                result.append(BatchSeries(name: path, spectra: sorted(items)))
            } else {
                let items = try read(path)
                if items.count == 1 { pooled += items } else { result.append(BatchSeries(name: path, spectra: sorted(items))) }
            }
        }
        if !pooled.isEmpty { result.append(BatchSeries(name: "files", spectra: sorted(pooled))) }
        return result
    }

    /// The spectra of one file, read once for both the content hash and the reader. In a directory scan a file
    /// whose content no reader recognises (notes, a README) is skipped instead of failing the run.
    static func read(_ path: String, skipUnrecognised: Bool = false) throws(BatchInputError) -> [BatchSpectrum] {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        let bytes = [UInt8](data)
        let source = SourceFile(path: path, size: data.count, contentHash: SHA256.hex(data))
        do {
            return try loadSpectra(bytes: bytes, path: path).map { BatchSpectrum(spectrum: $0, source: source) }
        } catch {
            switch error {
            case .reader(.emptyFile), .reader(.unknownFormat), .reader(.noImpedanceData), .noData:
                if skipUnrecognised { return [] }
            default: break
            }
            throw error
        }
    }

    static func sorted(_ items: [BatchSpectrum]) -> [BatchSpectrum] {
        items.sorted { a, b in
            let ma = a.spectrum.metadata, mb = b.spectrum.metadata
            if ma.cycleLabel != mb.cycleLabel {
                guard let ca = ma.cycleLabel else { return false }
                guard let cb = mb.cycleLabel else { return true }
                return ca < cb
            }
            let na = (a.source.path as NSString).lastPathComponent, nb = (b.source.path as NSString).lastPathComponent
            if na != nb { return naturalLess(na, nb) }
            if a.source.path != b.source.path { return a.source.path < b.source.path }
            if ma.startTime != mb.startTime { return (ma.startTime ?? .infinity) < (mb.startTime ?? .infinity) }
            return ma.index < mb.index
        }
    }

    /// File-name order with runs of digits compared as numbers (`cycle2.csv` < `cycle10.csv`).
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        func chunks(_ s: String) -> [(digits: Bool, text: Substring)] {
            var out: [(Bool, Substring)] = []
            var start = s.startIndex
            while start < s.endIndex {
                let isDigit = s[start].isASCII && s[start].isNumber
                var end = start
                while end < s.endIndex, (s[end].isASCII && s[end].isNumber) == isDigit { end = s.index(after: end) }
                out.append((isDigit, s[start..<end]))
                start = end
            }
            return out
        }
        let ca = chunks(a), cb = chunks(b)
        for (x, y) in zip(ca, cb) where x.text != y.text {
            if x.digits && y.digits {
                let tx = x.text.drop { $0 == "0" }, ty = y.text.drop { $0 == "0" }
                if tx.count != ty.count { return tx.count < ty.count }
                if tx != ty { return tx < ty }
                continue
            }
            return x.text < y.text
        }
        return ca.count != cb.count ? ca.count < cb.count : a < b
    }
}

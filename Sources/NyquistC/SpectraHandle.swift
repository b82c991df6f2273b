import Foundation
import Nyquist

/// The spectra of one file behind the C type `nyq_spectra` (an opaque pointer owned by the caller until
/// `nyq_spectra_free`). Immutable, so several threads may read one handle at once.
final class SpectraHandle: Sendable {
    let spectra: [Spectrum]

    init(_ spectra: [Spectrum]) { self.spectra = spectra }

    /// The handle behind a C pointer (not retained).
    static func from(_ p: UnsafeRawPointer?) throws -> SpectraHandle {
        guard let p else { throw CAPIError.usage("spectra handle is NULL") }
        return Unmanaged<SpectraHandle>.fromOpaque(p).takeUnretainedValue()
    }

    /// Spectrum `index`, or a usage error naming the count.
    func spectrum(_ index: Int) throws -> Spectrum {
        guard index >= 0, index < spectra.count else {
            throw CAPIError.usage("spectrum \(index): the file holds \(spectra.count) spectr\(spectra.count == 1 ? "um" : "a") (0-based)")
        }
        return spectra[index]
    }
}

/// `nyq_read`: every spectrum in a data file, in any format the CLI reads (`nyquist info`). On success `*out` is a
/// handle to free with `nyq_spectra_free`. Status 3 when the file is unreadable or invalid.
@_cdecl("nyq_read")
public func nyqRead(_ path: UnsafePointer<CChar>?, _ out: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                    _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    out?.pointee = nil
    return callC(out: nil, error: error) {
        guard let path = try string(path, "path") else { return (nil, .ok) }
        let spectra = try SpectrumFile.read(path: path)
        out?.pointee = Unmanaged.passRetained(SpectraHandle(spectra)).toOpaque()
        return (nil, .ok)
    }
}

/// `nyq_spectra_free`: releases a handle from `nyq_read` (NULL is ignored).
@_cdecl("nyq_spectra_free")
public func nyqSpectraFree(_ handle: UnsafeMutableRawPointer?) {
    guard let handle else { return }
    Unmanaged<SpectraHandle>.fromOpaque(handle).release()
}

/// `nyq_spectra_count`: the number of spectra behind a handle (0 for NULL).
@_cdecl("nyq_spectra_count")
public func nyqSpectraCount(_ handle: UnsafeRawPointer?) -> Int {
    (try? SpectraHandle.from(handle).spectra.count) ?? 0
}

/// `nyq_spectrum_length`: the number of points of spectrum `index` (0 when there is no such spectrum).
@_cdecl("nyq_spectrum_length")
public func nyqSpectrumLength(_ handle: UnsafeRawPointer?, _ index: Int) -> Int {
    (try? SpectraHandle.from(handle).spectrum(index).count) ?? 0
}

/// `nyq_spectrum_copy`: copies spectrum `index` into caller arrays of `nyq_spectrum_length` doubles each: frequency
/// (Hz), Z′ and Z″ (Ω, Z″ signed, negative for a capacitor). Any array may be NULL to skip it.
@_cdecl("nyq_spectrum_copy")
public func nyqSpectrumCopy(_ handle: UnsafeRawPointer?, _ index: Int, _ frequency: UnsafeMutablePointer<Double>?,
                            _ zReal: UnsafeMutablePointer<Double>?, _ zImaginary: UnsafeMutablePointer<Double>?,
                            _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: nil, error: error) {
        let s = try SpectraHandle.from(handle).spectrum(index)
        for (k, (f, z)) in zip(s.frequencies, s.impedances).enumerated() {
            frequency?[k] = f
            zReal?[k] = z.real
            zImaginary?[k] = z.imaginary
        }
        return (nil, .ok)
    }
}

/// `nyq_spectrum_metadata`: spectrum `index`'s metadata as JSON, the object `spectra[].metadata` of
/// `nyquist convert --to json` (docs/outputs.md): index, cycleLabel, sourceFile, format, provenance, warnings, …
@_cdecl("nyq_spectrum_metadata")
public func nyqSpectrumMetadata(_ handle: UnsafeRawPointer?, _ index: Int,
                                _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32
{
    callC(out: out, error: error) {
        (try ResultJSON.string(try SpectraHandle.from(handle).spectrum(index).metadata), .ok)
    }
}

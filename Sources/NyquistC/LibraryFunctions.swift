import Foundation
import Nyquist

/// The C API's version, `NYQ_API_VERSION` in include/nyquist.h: raised on any change to a signature or to the
/// meaning of a status code.
let apiVersion: Int32 = 3

/// `nyq_api_version`: the version of the C interface this library implements (compare with `NYQ_API_VERSION`).
@_cdecl("nyq_api_version")
public func nyqAPIVersion() -> Int32 { apiVersion }

/// `nyq_version`: the program version (`nyquist --version`) as a string to free with `nyq_free_string`.
@_cdecl("nyq_version")
public func nyqVersion() -> UnsafeMutablePointer<CChar>? {
    strdup(NyquistVersion.current)
}

/// `nyq_free_string`: frees a string the library returned (a result, an SVG, an error message). NULL is ignored.
@_cdecl("nyq_free_string")
public func nyqFreeString(_ s: UnsafeMutablePointer<CChar>?) {
    free(s)
}

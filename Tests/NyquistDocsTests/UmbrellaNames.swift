// Imports only the umbrella: this file compiles only while `import Nyquist` leaves no public type name ambiguous
// (each was declared in two modules before) and re-exports `Complex` (swift-numerics).
import Nyquist

enum UmbrellaNames {
    /// |3 + 4j| through the re-exported `Complex`, and the types that used to be ambiguous, by their bare names.
    static func touch() -> (modulus: Double, names: [String]) {
        let z = Complex<Double>(3, 4)
        let names = [String(describing: FittedParameter.self), String(describing: SourceLocation.self),
                     String(describing: GrowthLawParameter.self), String(describing: TrackingLocation.self),
                     NyquistVersion.current]
        return (z.length, names)
    }
}

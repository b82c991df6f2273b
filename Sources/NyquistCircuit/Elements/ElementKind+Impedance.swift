import Numerics

extension ElementKind {
    /// Z at every ω into `z`, and the partials ∂Z/∂pₖ into `jacobian[i·stride + k]` (slot k, physical units) when
    /// given. The kind's ``ElementModel/hoist(_:)`` runs once, then its formula runs over the frequencies: the one
    /// `switch` (``visit(_:)``) sits outside the frequency loop, and each loop is specialised with one kind's
    /// formula inlined.
    ///
    /// - Parameters:
    ///   - p: the element's parameters in slot order.
    ///   - omega: angular frequencies ω = 2πf in rad/s; `lnOmega` = ln ω.
    @inline(__always)
    func impedances(_ p: UnsafePointer<Double>, omega: UnsafeBufferPointer<Double>,
                    lnOmega: UnsafeBufferPointer<Double>, into z: UnsafeMutablePointer<Complex<Double>>,
                    jacobian: UnsafeMutablePointer<Complex<Double>>?, stride: Int)
    {
        visit(ImpedanceLoop(p: p, omega: omega, lnOmega: lnOmega, z: z, jacobian: jacobian, stride: stride))
    }
}

/// One element's formula over all frequencies (see ``ElementKind/impedances(_:omega:lnOmega:into:jacobian:stride:)``).
struct ImpedanceLoop: ElementModelVisitor {
    let p: UnsafePointer<Double>
    let omega: UnsafeBufferPointer<Double>
    let lnOmega: UnsafeBufferPointer<Double>
    let z: UnsafeMutablePointer<Complex<Double>>
    let jacobian: UnsafeMutablePointer<Complex<Double>>?
    let stride: Int

    @inline(__always)
    func visit<Model: ElementModel>(_ model: Model.Type) {
        let c = Model.hoist(p)
        let n = omega.count
        if let jacobian {
            for i in 0..<n {
                z[i] = Model.impedance(p, c, omega: omega[i], lnOmega: lnOmega[i], partials: jacobian + i * stride)
            }
        } else {
            for i in 0..<n { z[i] = Model.impedance(p, c, omega: omega[i], lnOmega: lnOmega[i], partials: nil) }
        }
    }
}

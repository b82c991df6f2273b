import NyquistDRT
import NyquistStore
import Testing

/// Issue 16 (series): DRT peaks are followed across cycles by τ proximity, never by their index in the spectrum.
/// Hand-made peak lists, so every expected track is known by construction.
@Suite struct DRTPeakTrackTests {
    static func peak(_ tau: Double, _ r: Double) -> DRTPeak {
        DRTPeak(tau: tau, frequency: 1 / (2 * Double.pi * tau), resistance: r)
    }

    /// A (τ ≈ 1e-4 s) and B (τ ≈ 0.1 s) in every spectrum; a small fast peak N (1e-6 s) appears in spectra 4 and 5
    /// and B drifts slowly to slower τ. By index, "peak 2" would be B in spectra 0–3 and A afterwards; by τ, A is
    /// track 1 and B track 2 throughout, and N is a minor track (in 2 of 6 spectra) numbered after them.
    @Test func aNewFastPeakDoesNotShiftTheTracks() throws {
        let lists: [[DRTPeak]] = (0..<6).map { k in
            let b = Self.peak(0.1 * (1 + 0.1 * Double(k)), 100 + Double(k))
            let a = Self.peak(1e-4, 50)
            return k >= 4 ? [Self.peak(1e-6, 5), a, b] : [a, b]
        }
        let tracks = DRTPeakTracks(peaks: lists)
        #expect(tracks.tracks.count == 3)
        let t1 = try tracks.track(.number(1)), t2 = try tracks.track(.number(2)), t3 = try tracks.track(.number(3))
        #expect(t1.isMajor && t2.isMajor && !t3.isMajor)
        #expect(t1.medianTau == 1e-4)
        #expect(t1.members.map { lists[$0.spectrum][$0.peak].resistance } == [50, 50, 50, 50, 50, 50])
        #expect(t2.members.map { lists[$0.spectrum][$0.peak].resistance } == [100, 101, 102, 103, 104, 105])
        #expect(t3.members.map(\.spectrum) == [4, 5])
        // drt:tau picks the nearest major track in log τ.
        #expect(try tracks.track(.tau(3e-4)).number == 1)
        #expect(try tracks.track(.tau(1.0)).number == 2)
    }

    /// B vanishes in spectrum 2 and comes back in 3 near its last τ: one track with a gap. A jump of more than the
    /// tolerance (half a decade) starts a new track instead.
    @Test func aPeakThatVanishesAndReturnsKeepsItsTrack() throws {
        let lists: [[DRTPeak]] = [
            [Self.peak(1e-4, 50), Self.peak(0.1, 100)],
            [Self.peak(1e-4, 50), Self.peak(0.12, 110)],
            [Self.peak(1e-4, 50)],
            [Self.peak(1e-4, 50), Self.peak(0.15, 130)],
            [Self.peak(1e-4, 50), Self.peak(2.0, 140)],  // 1.1 decades from 0.15 s: not the same process
        ]
        let tracks = DRTPeakTracks(peaks: lists)
        let b = try tracks.track(.number(2))
        #expect(b.members.map(\.spectrum) == [0, 1, 3])
        #expect(b.medianTau == 0.12)
        let jump = try tracks.track(.number(3))
        #expect(!jump.isMajor && jump.members.map(\.spectrum) == [4])
    }

    /// Two peaks competing for one track: the nearer in log τ wins, the other starts a track.
    @Test func theNearestPeakWinsATrack() throws {
        let lists: [[DRTPeak]] = [[Self.peak(1e-3, 10)], [Self.peak(1.5e-3, 11), Self.peak(3e-3, 12)]]
        let tracks = DRTPeakTracks(peaks: lists)
        let first = try tracks.track(.number(1))
        #expect(first.members.map { lists[$0.spectrum][$0.peak].resistance } == [10, 11])
        #expect(tracks.tracks.count == 2)
    }

    /// A ripple holding under 2 % of its spectrum's summed peak resistance is not tracked (and so cannot become
    /// `drt:peak1`); raising the share to 0 tracks it.
    @Test func ripplesBelowTheMinimumShareAreNotTracked() throws {
        let lists: [[DRTPeak]] = (0..<4).map { _ in [Self.peak(5e-6, 1.5), Self.peak(1e-4, 50), Self.peak(0.1, 100)] }
        let tracks = DRTPeakTracks(peaks: lists)
        #expect(tracks.tracks.count == 2)
        #expect(try tracks.track(.number(1)).medianTau == 1e-4)
        let all = DRTPeakTracks(peaks: lists, minimumShare: 0)
        #expect(all.tracks.count == 3)
        let ripple = try all.track(.number(1))
        #expect(ripple.medianTau == 5e-6)
    }

    @Test func selectorsParseAndMalformedOnesAreRefused() throws {
        #expect(try DRTPeakSelector(parsing: "drt:peak2") == .number(2))
        #expect(try DRTPeakSelector(parsing: "DRT:Peak1") == .number(1))
        #expect(try DRTPeakSelector(parsing: "drt:tau=1e-3") == .tau(1e-3))
        #expect(try DRTPeakSelector(parsing: "R3") == nil)
        for bad in ["drt:peak0", "drt:peak", "drt:tau=-1", "drt:tau=nan", "drt:width"] {
            #expect(throws: StoreError.self) { try DRTPeakSelector(parsing: bad) }
        }
        let none = DRTPeakTracks(peaks: [[], []])
        #expect(throws: StoreError.self) { try none.track(.number(1)) }
        #expect(throws: StoreError.self) { try none.track(.tau(1)) }
    }
}

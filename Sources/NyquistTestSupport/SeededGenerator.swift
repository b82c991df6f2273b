import NyquistFit

/// The library's seeded generator under the name the tests use.
public typealias SeededGenerator = SeededRandom

import RNGBits
import RNGStreams

/// Any of NumPy's five bit generators, chosen at run time: what a
/// `Generator(...)` built by an interpreted script holds, where the bit
/// generator is known only when the script runs.
///
/// ```swift
/// let seq = SeedSequence(entropy: [5])
/// var rng = NumPyGenerator(bitGenerator: NumPyAnyBitGenerator.sfc64(SFC64(seedSequence: seq)),
///                          seedSequence: seq, name: "g")
/// try rng.random(count: 3)      // np.random.Generator(np.random.SFC64(5)).random(3)
/// ```
///
/// Each draw dispatches on the case; code that knows its bit generator at
/// compile time should use `NumPyGenerator<PCG64>` (and so on) instead.
///
/// Edge cases: ``init(seedSequence:)`` makes PCG64, NumPy's default bit
/// generator (`default_rng`).
public enum NumPyAnyBitGenerator: Sendable, Hashable {
  case mt19937(MT19937)
  case pcg64(PCG64)
  case pcg64dxsm(PCG64DXSM)
  case philox(Philox4x64)
  case sfc64(SFC64)

  /// The bit generator NumPy's class `name` makes from `seedSequence`, or nil
  /// for a name that is not one of NumPy's five.
  public init?(numpyName name: String, seedSequence: SeedSequence) {
    switch name {
    case "MT19937": self = .mt19937(MT19937(seedSequence: seedSequence))
    case "PCG64": self = .pcg64(PCG64(seedSequence: seedSequence))
    case "PCG64DXSM": self = .pcg64dxsm(PCG64DXSM(seedSequence: seedSequence))
    case "Philox": self = .philox(Philox4x64(seedSequence: seedSequence))
    case "SFC64": self = .sfc64(SFC64(seedSequence: seedSequence))
    default: return nil
    }
  }

  /// NumPy's five class names, in the order NumPy documents them.
  public static let numpyNames = ["MT19937", "PCG64", "PCG64DXSM", "Philox", "SFC64"]
}

extension NumPyAnyBitGenerator: NumPyBitSource {
  public init(seedSequence: SeedSequence) { self = .pcg64(PCG64(seedSequence: seedSequence)) }

  @inline(__always)
  mutating func with<R>(
    _ mt: (inout MT19937) -> R, _ pcg: (inout PCG64) -> R, _ dxsm: (inout PCG64DXSM) -> R,
    _ philox: (inout Philox4x64) -> R, _ sfc: (inout SFC64) -> R
  ) -> R {
    switch self {
    case .mt19937(var g): let r = mt(&g); self = .mt19937(g); return r
    case .pcg64(var g): let r = pcg(&g); self = .pcg64(g); return r
    case .pcg64dxsm(var g): let r = dxsm(&g); self = .pcg64dxsm(g); return r
    case .philox(var g): let r = philox(&g); self = .philox(g); return r
    case .sfc64(var g): let r = sfc(&g); self = .sfc64(g); return r
    }
  }

  public mutating func nextUInt32() -> UInt32 {
    with({ $0.nextUInt32() }, { $0.nextUInt32() }, { $0.nextUInt32() }, { $0.nextUInt32() }, { $0.nextUInt32() })
  }
  public mutating func nextUInt64() -> UInt64 {
    with({ $0.nextUInt64() }, { $0.nextUInt64() }, { $0.nextUInt64() }, { $0.nextUInt64() }, { $0.nextUInt64() })
  }
  public mutating func nextDouble() -> Double {
    with({ $0.nextDouble() }, { $0.nextDouble() }, { $0.nextDouble() }, { $0.nextDouble() }, { $0.nextDouble() })
  }
  public mutating func nextFloat() -> Float {
    with({ $0.nextFloat() }, { $0.nextFloat() }, { $0.nextFloat() }, { $0.nextFloat() }, { $0.nextFloat() })
  }
  /// Dispatches once for the whole buffer.
  public mutating func fillDoubles(_ buffer: UnsafeMutableBufferPointer<Double>) {
    with({ $0.fillDoubles(buffer) }, { $0.fillDoubles(buffer) }, { $0.fillDoubles(buffer) }, { $0.fillDoubles(buffer) }, { $0.fillDoubles(buffer) })
  }

  /// The wrapped bit generator, as the protocol sees it.
  var source: any NumPyBitSource {
    switch self {
    case .mt19937(let g): return g
    case .pcg64(let g): return g
    case .pcg64dxsm(let g): return g
    case .philox(let g): return g
    case .sfc64(let g): return g
    }
  }

  public var wordsDrawn: UInt64 { source.wordsDrawn }
  public var numpyName: String { source.numpyName }
  public var algorithm: BitAlgorithm { source.algorithm }
}

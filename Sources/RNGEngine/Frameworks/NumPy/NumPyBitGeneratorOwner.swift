import NumPyStreams
import RNGStreams

/// The object that wraps a NumPy bit generator object (`Generator(bg)` or
/// `RandomState(bg)`) and holds the state the two share, as in NumPy: after
/// `r = RandomState(bg)`, `bg.state`, `bg.random_raw()` and
/// `bg.state = saved` see and move `r`'s stream.
///
/// ```python
/// bg = np.random.PCG64(7); r = np.random.RandomState(bg); r.random_sample(2)
/// bg.state['state']['state']     # moved by the two doubles
/// ```
///
/// A wrapper names where its stream lives (``sharedStream``); the shared
/// bit generator, the stream's identity and its seeding report follow.
protocol NumPyBitGeneratorOwner: AnyObject {
  associatedtype SharedStream: NumPySharedStream
  /// The wrapper's stream: `generator` or `state`.
  static var sharedStream: ReferenceWritableKeyPath<Self, SharedStream> { get }
}

/// A stream value a ``NumPyBitGeneratorOwner`` holds: the engine's
/// `NumPyGenerator` or `RandomState` over ``NumPyAnyBitGenerator``.
protocol NumPySharedStream {
  var bitGenerator: NumPyAnyBitGenerator { get set }
  var identity: StreamIdentity { get set }
  var observer: (any DrawObserver)? { get set }
}

extension NumPyGenerator: NumPySharedStream where Bits == NumPyAnyBitGenerator {}
extension RandomState: NumPySharedStream where Bits == NumPyAnyBitGenerator {}

extension NumPyBitGeneratorOwner {
  /// The shared bit generator state.
  var sharedBits: NumPyAnyBitGenerator {
    get { self[keyPath: Self.sharedStream].bitGenerator }
    set { self[keyPath: Self.sharedStream].bitGenerator = newValue }
  }

  /// The wrapper's stream identity, renamed when a script assigns `bg.state`.
  var sharedIdentity: StreamIdentity {
    get { self[keyPath: Self.sharedStream].identity }
    set { self[keyPath: Self.sharedStream].identity = newValue }
  }

  /// Tells the wrapper's observer its stream was just (re)seeded.
  func reportSharedSeeding() {
    let stream = self[keyPath: Self.sharedStream]
    stream.observer?.observe(seeded: stream.identity, start: stream.bitGenerator.wordsDrawn)
  }
}

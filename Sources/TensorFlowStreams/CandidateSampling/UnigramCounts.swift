/// The learned unigram sampler's class weights: one int32 count per class,
/// all 1 at first, each true class seen adding 1 (TensorFlow's
/// `WeightedPicker` inside `UnigramSampler`).
///
/// A pick draws `t` uniform in [0, total) with the 32-bit unbiased
/// rejection rule and returns the class whose cumulative weight range holds
/// `t`; the weights sit in a sum tree, so picks and updates are O(log n).
///
/// ```swift
/// var counts = UnigramCounts(classes: 4)   // weights 1, 1, 1, 1
/// counts.learn([2, 2])                     // weights 1, 1, 3, 1; total 6
/// counts.probability(of: 2)                // 0.5
/// ```
public struct UnigramCounts: Sendable, Hashable {
  /// Classes: weights beyond it are the tree's zero padding.
  public let classes: Int
  /// Leaves padded to a power of two.
  private let leaves: Int
  /// The sum tree, heap order: node 1 is the root, node `leaves + i` class `i`.
  private var tree: [Int32]

  public init(classes: Int) {
    precondition(classes > 0 && classes < Int(Int32.max))
    self.classes = classes
    var leaves = 1
    while leaves < classes { leaves *= 2 }
    self.leaves = leaves
    tree = Array(repeating: 0, count: 2 * leaves)
    for i in 0..<classes { tree[leaves + i] = 1 }
    for node in stride(from: leaves - 1, through: 1, by: -1) { tree[node] = tree[2 * node] &+ tree[2 * node + 1] }
  }

  /// The sum of the weights.
  public var total: Int32 { tree[1] }

  /// Class `value`'s weight.
  public func weight(of value: Int) -> Int32 { tree[leaves + value] }

  /// `weight / total`, in float.
  public func probability(of value: Int) -> Float { Float(weight(of: value)) / Float(total) }

  /// Adds 1 to the weight of each value in order, stopping once the total
  /// would pass `Int32.max` (as many values as `Int32.max − total` allows).
  public mutating func learn(_ values: [Int64]) {
    let room = Int(Int32.max) - Int(total)
    for value in values.prefix(max(0, room)) {
      var node = leaves + Int(value)
      while node >= 1 {
        tree[node] &+= 1
        node /= 2
      }
    }
  }

  /// One class drawn with probability weight / total.
  func pick(_ rnd: inout SimplePhilox) -> Int64 {
    let n = total
    var position: Int32
    if n & (n &- 1) == 0 {
      position = Int32(bitPattern: rnd.rand32() & UInt32(n &- 1))
    } else {
      let floor = UInt32.max % UInt32(n) + 1
      var word: UInt32
      repeat { word = rnd.rand32() } while word < floor
      position = Int32(word % UInt32(n))
    }
    var node = 1
    while node < leaves {
      let left = tree[2 * node]
      if position < left {
        node = 2 * node
      } else {
        position -= left
        node = 2 * node + 1
      }
    }
    return Int64(node - leaves)
  }
}

import NumPyStreams
import PythonSubset
import RNGStreams

/// `shuffle`, `permutation` and `choice` glue shared by the legacy
/// `RandomState` and the `Generator`: both permute rows along axis 0 with
/// the same draws as a 1-D shuffle of the row count, so the binding
/// shuffles row indices and moves the rows. Internal to the NumPy binding.
enum NumPyPermutations {
  /// `shuffle(x)`: an array's rows or a list's items, in place; returns None.
  ///
  /// - Parameter shuffleRows: shuffles row indices in place; the shape is
  ///   what the draw report shows.
  static func shuffle(_ args: BoundArguments, _ shuffleRows: (inout [Int], [Int]) -> Void) throws -> Value {
    let value = args.value("x") ?? .none
    switch value {
    case .object(let o):
      if let array = o as? ArrayObject {
        guard let rows = array.tensor.shape.first else { throw args.error("x", "len() of unsized object") }
        if array.tensor.count == 0 { return .none }  // NumPy returns before drawing
        var order = Array(0..<rows)
        shuffleRows(&order, array.tensor.shape)
        let shuffled = array.tensor.gatheringRows(order, leading: [rows])
        if array.kind == .numpy {
          try NumPyViews.write(array, shuffled, at: nil, range: args.callRange)  // a view's owner sees it
        } else {
          array.tensor = shuffled
        }
        return .none
      }
      if let list = o as? ListObject {
        var order = Array(list.elements.indices)
        shuffleRows(&order, [order.count])
        list.elements = order.map { list.elements[$0] }
        return .none
      }
    default: break
    }
    throw args.error("x", "object of type '\(value.typeName)' has no len()")
  }

  /// `permutation(x)`: a shuffled `arange(x)` for an int, else a copy of
  /// the array-like with its rows shuffled.
  static func permutation(
    _ args: BoundArguments, zeroDimensionalMessage: String,
    range: (Int) -> [Int64], rows: ([Int], [Int]) -> [Int]
  ) throws -> Value {
    let value = args.value("x") ?? .none
    switch value {
    case .int, .bool:
      guard let n = BoundArguments.asInt(value) else { break }
      let count = n.isNegative ? 0 : (n.int ?? Int.max)
      _ = try NumPyArguments.count([count], at: args.range("x"))
      let values = range(count)
      return NumPyResult.array(Tensor(shape: [values.count], int64: values))
    default: break
    }
    let tensor = try NumPyArguments.arrayLike(args, "x")
    guard let count = tensor.shape.first else { throw args.error("x", zeroDimensionalMessage) }
    let order = rows(Array(0..<count), tensor.shape)
    return NumPyResult.array(tensor.gatheringRows(order, leading: [count]))
  }

  /// What `choice(a, ...)` draws from.
  enum Population {
    /// `a` is an int: the values are the indices.
    case range(Int)
    /// `a` is array-like: the rows along axis 0 are the values.
    case rows(Tensor)

    var streamPopulation: ChoicePopulation {
      switch self {
      case .range(let n): return .range(n)
      case .rows(let t): return .array(count: t.shape.first ?? 0)
      }
    }
  }

  /// `a` as a population: an int (or 0-d integer array) is a range;
  /// anything else is converted as `asarray` would.
  ///
  /// - Parameter scalarMessage: the framework's text for a scalar that is
  ///   not an int.
  static func population(_ args: BoundArguments, scalarMessage: String) throws -> Population {
    let value = args.value("a") ?? .none
    if let n = BoundArguments.asInt(value) { return .range(n.isNegative ? -1 : (n.int ?? Int.max)) }
    let tensor = try NumPyArguments.arrayLike(args, "a")
    if tensor.rank == 0 { throw args.error("a", scalarMessage) }
    return .rows(tensor)
  }

  /// The value `choice` returns for the drawn indices.
  static func choiceResult(_ population: Population, indices: [Int64], size: [Int]?) -> Value {
    switch population {
    case .range:
      return NumPyResult.value(.int64(indices), shape: size)
    case .rows(let tensor):
      let picked = tensor.gatheringRows(indices.map { Int($0) }, leading: size ?? [])
      return NumPyResult.value(picked, scalar: size == nil && tensor.rank == 1)
    }
  }
}

import Foundation
import PythonSubset
import TestSupport
import Testing

@testable import RNGEngine

/// CPython 3.11.7's hash() and set iteration order, per PYTHONHASHSEED, against
/// fixtures/reference/python-hash/python_hash.json (written by the real
/// interpreter: generate_python_hash.py beside it).
@Suite struct PythonHashTests {
  struct Golden: Decodable {
    var python: String
    var cases: [Case]
  }

  struct Case: Decodable, CustomStringConvertible {
    var hashseed: String
    var str: [StringRow]
    var bytes: [BytesRow]
    var int: [StringRow]
    var float: [StringRow]
    var sets: [SetRow]
    var description: String { "PYTHONHASHSEED=\(hashseed)" }
  }

  /// `[text, hash]`.
  struct StringRow: Decodable {
    var text: String
    var hash: Int64
    init(from decoder: Decoder) throws {
      var c = try decoder.unkeyedContainer()
      text = try c.decode(String.self)
      hash = try c.decode(Int64.self)
    }
  }

  struct BytesRow: Decodable {
    var bytes: [UInt8]
    var hash: Int64
    init(from decoder: Decoder) throws {
      var c = try decoder.unkeyedContainer()
      bytes = try c.decode([UInt8].self)
      hash = try c.decode(Int64.self)
    }
  }

  /// A JSON scalar of a set case: int, float or str.
  enum Scalar: Decodable {
    case int(Int64), float(Double), string(String)
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let i = try? c.decode(Int64.self) { self = .int(i) }
      else if let d = try? c.decode(Double.self) { self = .float(d) }
      else { self = .string(try c.decode(String.self)) }
    }
    var value: Value {
      switch self {
      case .int(let i): return .int(PythonInt(i))
      case .float(let d): return .float(d)
      case .string(let s): return .string(s)
      }
    }
  }

  enum Operation: Decodable {
    case add(Scalar), discard(Scalar), update([Scalar]), set([Scalar]), clear
    init(from decoder: Decoder) throws {
      var c = try decoder.unkeyedContainer()
      switch try c.decode(String.self) {
      case "add": self = .add(try c.decode(Scalar.self))
      case "discard": self = .discard(try c.decode(Scalar.self))
      case "update": self = .update(try c.decode([Scalar].self))
      case "set": self = .set(try c.decode([Scalar].self))
      default: self = .clear
      }
    }
  }

  struct SetRow: Decodable {
    var operations: [Operation]
    var order: [Scalar]
    init(from decoder: Decoder) throws {
      var c = try decoder.unkeyedContainer()
      operations = try c.decode([Operation].self)
      order = try c.decode([Scalar].self)
    }
  }

  static let golden: Golden? = try? JSONDecoder().decode(
    Golden.self, from: Data(contentsOf: Fixtures.url("reference/python-hash/python_hash.json")))
  static var cases: [Case] { golden?.cases ?? [] }

  static func secret(_ seed: String) -> PythonHashSecret { PythonHashSecret(hashSeed: UInt32(seed)!) }

  @Test func theGoldenFileIsThere() {
    #expect(Self.golden?.python == "3.11.7")
    #expect(Self.cases.map(\.hashseed).contains("0"))
    #expect(Self.cases.count >= 4)
  }

  @Test(arguments: cases)
  func stringAndBytesHashesAreCPythons(_ c: Case) {
    PythonHash.$secret.withValue(Self.secret(c.hashseed)) {
      for row in c.str { #expect(PythonHash.hash(row.text) == row.hash, "hash(\(PythonString.repr(row.text)))") }
      for row in c.bytes { #expect(PythonHash.hash(bytes: row.bytes) == row.hash, "hash(bytes \(row.bytes))") }
    }
  }

  @Test(arguments: cases.prefix(1))
  func numberHashesAreCPythons(_ c: Case) throws {
    for row in c.int {
      let n = try #require(PythonInt(digits: Substring(row.text.hasPrefix("-") ? String(row.text.dropFirst()) : row.text), radix: 10))
      #expect(PythonHash.hash(row.text.hasPrefix("-") ? -n : n) == row.hash, "hash(\(row.text))")
    }
    for row in c.float {
      let x = Double(bitPattern: try #require(UInt64(row.text, radix: 16)))
      #expect(PythonHash.hash(x) == row.hash, "hash(\(x))")
    }
  }

  @Test func tupleHashesAreCPythons() {
    // hash((1, 'a', 2.5)) and friends, PYTHONHASHSEED=0 (values from the golden file).
    guard let c = Self.cases.first(where: { $0.hashseed == "0" }) else { Issue.record("no seed-0 case"); return }
    PythonHash.$secret.withValue(.zero) {
      let a = PythonHash.hash(Value.tuple([.int(PythonInt(1)), .string("a"), .float(2.5)]))
      let parts = [PythonHash.hash(PythonInt(1)), c.str.first { $0.text == "a" }!.hash, PythonHash.hash(2.5)]
      #expect(a == PythonHash.hash(tuple: parts))
    }
  }

  @Test(arguments: cases)
  func setsIterateInCPythonsOrder(_ c: Case) {
    PythonHash.$secret.withValue(Self.secret(c.hashseed)) {
      for (n, row) in c.sets.enumerated() {
        var set = SetObject()
        for op in row.operations {
          switch op {
          case .add(let v): set.insert(v.value)
          case .discard(let v): set.remove(v.value)
          case .update(let vs): for v in vs { set.insert(v.value) }
          case .set(let vs): set = SetObject(vs.map(\.value))
          case .clear: set.removeAll()
          }
        }
        #expect(set.elements.map(\.repr) == row.order.map(\.value.repr), "set case \(n)")
      }
    }
  }

  /// The evidence the differ uses to blame PYTHONHASHSEED: only iterating a set that
  /// holds strings counts, not building it, testing membership or taking its length.
  @Test func onlyIteratingASetOfStringsIsWitnessed() {
    let witness = PythonHash.OrderWitness { "train.py:7" }
    PythonHash.$witness.withValue(witness) {
      let names = SetObject([.string("a"), .string("b"), .string("c")])
      _ = names.contains(.string("a"))
      _ = names.count
      _ = SetObject([.int(PythonInt(3)), .int(PythonInt(1))]).elements
      #expect(witness.first == nil)
      _ = names.elements
      #expect(witness.first == "train.py:7")
    }
  }

  @Test func pythonHashSeedValuesAreCheckedAsCPythonChecksThem() throws {
    #expect(try PythonHashSecret.parse(nil) == nil)
    #expect(try PythonHashSecret.parse("random") == nil)
    #expect(try PythonHashSecret.parse("4294967295") == 4_294_967_295)
    #expect(throws: HashSeedError.self) { try PythonHashSecret.parse("4294967296") }
    #expect(throws: HashSeedError.self) { try PythonHashSecret.parse("-1") }
  }
}

/// A small writer for compact JSON with a fixed field order and exact
/// numbers, used for trace lines and for reports.
///
/// Fields come out in the order they are written; doubles use Python's
/// `repr` (shortest round-trip text; `NaN`, `Infinity` and `-Infinity` as
/// Python's `json` writes them); strings are escaped as JSON requires and
/// otherwise written as UTF-8.
///
/// ```swift
/// var json = JSONWriter()
/// json.beginObject()
/// json.key("verdict"); json.string("different")
/// json.key("scores"); json.beginArray(); json.double(0.1); json.double(1e16); json.endArray()
/// json.endObject()
/// json.text   // {"verdict":"different","scores":[0.1,1e+16]}
/// ```
///
/// Edge cases: the writer does not check that keys and values alternate;
/// callers write well-formed sequences.
public struct JSONWriter: Sendable {
  /// The bytes written so far.
  public private(set) var bytes: [UInt8] = []
  private var needsComma = false
  private var commaStack: [Bool] = []

  /// An empty writer.
  public init() {}

  /// The bytes written so far as a string.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Forgets everything written, keeping the buffer's capacity.
  public mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    needsComma = false
    commaStack.removeAll(keepingCapacity: true)
  }

  @inline(__always) private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    needsComma = true
  }

  /// Opens an object (`{`).
  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    commaStack.append(needsComma)
    needsComma = false
  }

  /// Closes the innermost object (`}`).
  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = commaStack.popLast() ?? true
  }

  /// Opens an array (`[`).
  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    commaStack.append(needsComma)
    needsComma = false
  }

  /// Closes the innermost array (`]`).
  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = commaStack.popLast() ?? true
  }

  /// Writes a field name; the next value written is its value.
  public mutating func key(_ name: String) {
    separate()
    appendQuoted(name)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// A string value, escaped as JSON requires.
  public mutating func string(_ value: String) {
    separate()
    appendQuoted(value)
  }

  /// An integer value, in decimal.
  public mutating func int<T: BinaryInteger>(_ value: T) {
    separate()
    appendDecimal(value)
  }

  /// A double, as Python's `repr` writes it (`NaN`, `Infinity` as Python's `json`).
  public mutating func double(_ value: Double) {
    separate()
    bytes.append(contentsOf: PythonFloatText.repr(value).utf8)
  }

  /// A float32, with the shortest digits for float32, in Python's layout.
  public mutating func float(_ value: Float) {
    separate()
    bytes.append(contentsOf: PythonFloatText.repr(value).utf8)
  }

  /// `true` or `false`.
  public mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: value ? trueBytes : falseBytes)
  }

  /// `null`.
  public mutating func null() {
    separate()
    bytes.append(contentsOf: nullBytes)
  }

  /// Writes already-encoded JSON text as one value.
  public mutating func raw(_ json: String) {
    separate()
    bytes.append(contentsOf: json.utf8)
  }

  // Convenience: a field and its value in one call.
  /// A field with a string value.
  public mutating func field(_ name: String, _ value: String) { key(name); string(value) }
  /// A field with an integer value.
  public mutating func field<T: BinaryInteger>(_ name: String, _ value: T) { key(name); int(value) }
  /// A field with a double value.
  public mutating func field(_ name: String, _ value: Double) { key(name); double(value) }
  /// A field with a Boolean value.
  public mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
  /// A field only when `value` is not nil.
  public mutating func field(_ name: String, ifPresent value: String?) {
    if let value { field(name, value) }
  }
  /// A field with an integer value, only when `value` is not nil.
  public mutating func field<T: BinaryInteger>(_ name: String, ifPresent value: T?) {
    if let value { field(name, value) }
  }
  /// An object of name/value pairs, values as strings, in the given order.
  public mutating func field(_ name: String, _ pairs: [NamedValue]) {
    key(name)
    beginObject()
    for pair in pairs { field(pair.name, pair.value) }
    endObject()
  }
  /// `"name":[…]`: one element per item, each written by `element`.
  ///
  /// ```swift
  /// json.array("streams", ["np", "torch"]) { json, id in json.string(id) }   // "streams":["np","torch"]
  /// ```
  public mutating func array<Items: Sequence>(
    _ name: String, _ items: Items, _ element: (inout JSONWriter, Items.Element) -> Void
  ) {
    key(name)
    beginArray()
    for item in items { element(&self, item) }
    endArray()
  }

  /// `"name":[{…},…]`: one object per item, whose fields `fields` writes.
  ///
  /// ```swift
  /// json.objects("effects", effects) { json, e in json.field("what", e.what) }   // "effects":[{"what":…},…]
  /// ```
  public mutating func objects<Items: Sequence>(
    _ name: String, _ items: Items, _ fields: (inout JSONWriter, Items.Element) -> Void
  ) {
    array(name, items) { json, item in
      json.beginObject()
      fields(&json, item)
      json.endObject()
    }
  }

  /// An array of integers.
  public mutating func field(_ name: String, _ values: [Int]) {
    array(name, values) { json, v in json.int(v) }
  }

  private mutating func appendDecimal<T: BinaryInteger>(_ value: T) {
    if value == 0 {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    if value < 0 {
      bytes.append(UInt8(ascii: "-"))
      // Magnitude may not fit T (Int64.min); go through UInt64.
      appendUnsigned(UInt64(truncatingIfNeeded: 0 &- Int64(truncatingIfNeeded: value)))
    } else {
      appendUnsigned(UInt64(truncatingIfNeeded: value))
    }
  }

  private mutating func appendUnsigned(_ value: UInt64) {
    var v = value
    var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &scratch) { raw in
      repeat {
        raw[23 - n] = UInt8(truncatingIfNeeded: v % 10) &+ 48
        v /= 10
        n += 1
      } while v != 0
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(24 - n)...]))
    }
  }

  private mutating func appendQuoted(_ s: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
      case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
      case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
      case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
      case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
      case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
      case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
      case 0..<0x20:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

private let trueBytes: [UInt8] = Array("true".utf8)
private let falseBytes: [UInt8] = Array("false".utf8)
private let nullBytes: [UInt8] = Array("null".utf8)

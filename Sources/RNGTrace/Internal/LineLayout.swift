// The top-level fields of one trace line, found by the scanner. Internal to
// the package (the differ reads records through it).

/// Every top-level field name the format defines, across all events.
package enum FieldID: Int, CaseIterable, Sendable {
  case event, seq, format, version, producer, producerVersion, profile, label, source, config
  case id, framework, name, algorithm, unit, seed, seeding, start
  case rule, inputs, result, stream, consumer, role
  case counter, count, op, dist, params, dtype, shape, digest, values
  case moment, index, epoch, step, value, phase, edge

  /// The name as written in traces.
  package var wireName: String {
    switch self {
    case .producerVersion: return "producer_version"
    default: return String(describing: self)
    }
  }

  /// Finds the field a key names, without allocating. Unknown keys give nil.
  @inline(__always)
  package static func lookup(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> FieldID? {
    let n = end - start
    guard n >= 2 && n <= 16 else { return nil }
    let slot = FieldNameTable.slot(length: n, first: base[start], last: base[end - 1])
    var candidate = FieldNameTable.slots[slot]
    var probes = 0
    while candidate != 0xFF && probes < 16 {
      let field = FieldNameTable.names[Int(candidate)]
      if field.count == n && memcmpEqual(base + start, field, n) { return FieldID(rawValue: Int(candidate)) }
      probes += 1
      candidate = FieldNameTable.slots[(slot + probes) & 255]
    }
    return nil
  }
}

@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: [UInt8], _ n: Int) -> Bool {
  b.withUnsafeBufferPointer { bp in
    for k in 0..<n where a[k] != bp[k] { return false }
    return true
  }
}

/// An open-addressing table from (length, first byte, last byte) to field.
private enum FieldNameTable {
  static let names: [[UInt8]] = FieldID.allCases.map { Array($0.wireName.utf8) }

  @inline(__always)
  static func slot(length: Int, first: UInt8, last: UInt8) -> Int {
    (length &* 37 &+ Int(first) &* 7 &+ Int(last) &* 13) & 255
  }

  static let slots: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for field in FieldID.allCases {
      let bytes = Array(field.wireName.utf8)
      var s = slot(length: bytes.count, first: bytes[0], last: bytes[bytes.count - 1])
      var probes = 0
      while table[s] != 0xFF {
        probes += 1
        precondition(probes < 16, "field name table needs a better slot function")
        s = (s + 1) & 255
      }
      table[s] = UInt8(field.rawValue)
    }
    return table
  }()
}

/// Where each known top-level field of a line lies.
package struct LineLayout: Sendable {
  /// Bit k set when the field with raw value k is present.
  package var present: UInt64 = 0
  package var spans: [FieldSpan] = Array(repeating: .absent, count: FieldID.allCases.count)

  package init() {}

  @inline(__always) package func has(_ field: FieldID) -> Bool { present & (1 << UInt64(field.rawValue)) != 0 }

  @inline(__always) package subscript(_ field: FieldID) -> FieldSpan? {
    has(field) ? spans[field.rawValue] : nil
  }

  @inline(__always) package mutating func set(_ field: FieldID, _ span: FieldSpan) {
    present |= 1 << UInt64(field.rawValue)
    spans[field.rawValue] = span
  }

  @inline(__always) package mutating func clear() { present = 0 }
}

extension JSONCursor {
  /// Scans a whole line as one event object, recording the known top-level
  /// fields in `layout`. `values` and `shape` are checked element by element.
  package mutating func scanEventObject(into layout: inout LineLayout) throws(ScanFailure) {
    layout.clear()
    skipWhitespace()
    guard i < count, base[i] == 0x7B else {
      throw ScanFailure(offset: i, expected: "'{' to start an event object")
    }
    i += 1
    skipWhitespace()
    if i < count && base[i] == 0x7D {
      i += 1
    } else {
      while true {
        guard i < count, base[i] == 0x22 else {
          throw ScanFailure(offset: i, expected: "a field name in quotes")
        }
        let key = try scanString()
        skipWhitespace()
        try expect(0x3A, "':' after the field name")
        skipWhitespace()
        let field = key.escaped ? nil : FieldID.lookup(base, Int(key.start), Int(key.end))
        let span: FieldSpan
        switch field {
        case .values?: span = try scanFlatArray(integersOnly: false, fieldName: "values").0
        case .shape?: span = try scanFlatArray(integersOnly: true, fieldName: "shape").0
        default: span = try scanValue()
        }
        if let field { layout.set(field, span) }
        skipWhitespace()
        guard i < count else { throw ScanFailure(offset: i, expected: "',' or '}' after a value") }
        if base[i] == 0x2C {
          i += 1
          skipWhitespace()
        } else if base[i] == 0x7D {
          i += 1
          break
        } else {
          throw ScanFailure(offset: i, expected: "',' or '}' after a value")
        }
      }
    }
    skipWhitespace()
    if i < count { throw ScanFailure(offset: i, expected: "the end of the line after the event object") }
  }
}

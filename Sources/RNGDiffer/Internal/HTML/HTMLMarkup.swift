#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Escaping for the HTML report. The page is written so that it parses as
/// XML too (every element closed, attributes quoted, only the five XML
/// entities), which is what the tests check it with.
///
/// ```swift
/// HTMLEscape.text("a < b & c")          // "a &lt; b &amp; c"
/// HTMLEscape.attribute("say \"hi\"")    // "say &quot;hi&quot;"
/// ```
///
/// Edge cases: characters XML 1.0 does not allow (C0 controls other than
/// tab, line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD, so a
/// consumer name with a stray control character cannot break the page.
enum HTMLEscape {
  /// Text content: `&`, `<`, `>` escaped.
  static func text(_ s: String) -> String { escape(s, quotes: false) }

  /// An attribute value (always written in double quotes): also `"` and `'`.
  static func attribute(_ s: String) -> String { escape(s, quotes: true) }

  private static func escape(_ s: String, quotes: Bool) -> String {
    var needs = false
    for u in s.unicodeScalars {
      switch u.value {
      case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0..<0x20, 0xFFFE, 0xFFFF, 0x7F: needs = true
      default: continue
      }
      if needs { break }
    }
    guard needs else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for u in s.unicodeScalars {
      switch u.value {
      case 0x26: out += "&amp;"
      case 0x3C: out += "&lt;"
      case 0x3E: out += "&gt;"
      case 0x22 where quotes: out += "&quot;"
      case 0x27 where quotes: out += "&#39;"
      case 0x09, 0x0A, 0x0D: out.unicodeScalars.append(u)
      case 0..<0x20, 0x7F, 0xFFFE, 0xFFFF: out += "\u{FFFD}"
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }
}

/// Builds markup: elements are always closed, text and attributes escaped.
///
/// ```swift
/// var m = Markup()
/// m.open("p", ["class": "fix"])
/// m.text("Seed both runs")
/// m.close("p")                       // <p class="fix">Seed both runs</p>
/// m.element("td", "3 < 4")           // <td>3 &lt; 4</td>
/// m.void("rect", ["x": "1", "y": "2"]) // <rect x="1" y="2"/>
/// ```
struct Markup {
  var out = ""

  /// Appends markup as is (trusted, already escaped).
  mutating func raw(_ s: String) { out += s }

  /// Appends escaped text.
  mutating func text(_ s: String) { out += HTMLEscape.text(s) }

  /// `<tag attrs>`; attributes with a nil value are left out, in the order given.
  mutating func open(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
    out += "<" + tag
    appendAttributes(attributes)
    out += ">"
  }

  /// `</tag>`.
  mutating func close(_ tag: String) { out += "</" + tag + ">" }

  /// `<tag attrs>text</tag>`.
  mutating func element(_ tag: String, _ text: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
    open(tag, attributes)
    self.text(text)
    close(tag)
  }

  /// `<tag attrs/>`: an empty element (`br`, `meta`, SVG shapes).
  mutating func void(_ tag: String, _ attributes: KeyValuePairs<String, String?> = [:]) {
    out += "<" + tag
    appendAttributes(attributes)
    out += "/>"
  }

  private mutating func appendAttributes(_ attributes: KeyValuePairs<String, String?>) {
    for (name, value) in attributes {
      guard let value else { continue }
      out += " " + name + "=\"" + HTMLEscape.attribute(value) + "\""
    }
  }
}

/// Numbers for SVG coordinates and labels.
enum HTMLNumber {
  /// One decimal at most, no exponent, `-0` as `0`: `12.3`, `4`, `-0.5`.
  static func coordinate(_ v: Double) -> String {
    guard v.isFinite else { return "0" }
    let tenths = Int((v * 10).rounded())
    if tenths == 0 { return "0" }
    let sign = tenths < 0 ? "-" : ""
    let m = tenths.magnitude
    return m % 10 == 0 ? "\(sign)\(m / 10)" : "\(sign)\(m / 10).\(m % 10)"
  }

  /// Four significant digits, for axis labels: `0.4217`, `1.2e+06`, `nan`.
  static func short(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v < 0 ? "-inf" : "inf" }
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([v]) { vsnprintf(&buffer, buffer.count, "%.4g", $0) }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// A count with thousands separators: `10,000,000`.
  static func count<T: BinaryInteger>(_ n: T) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (k, c) in digits.enumerated() {
      if k > 0 && (digits.count - k) % 3 == 0 { out += "," }
      out.append(c)
    }
    return (n < 0 ? "-" : "") + out
  }
}

extension Keras3 {
  /// Keras' `to_snake_case`, which turns a layer class's name into its
  /// auto-name prefix: `MyModel` → `my_model`, `MyMLPModel` → `my_mlp_model`,
  /// `ResNet50Block` → `res_net50_block`.
  ///
  /// ```swift
  /// Keras3.layerNamePrefix("MyMLPModel")   // "my_mlp_model"
  /// ```
  ///
  /// The same three steps as Keras: drop non-word characters; put `_`
  /// before each capital followed by lowercase letters (after any
  /// character); put `_` between a lowercase letter and a capital; lowercase.
  /// Only ASCII letters count as capitals and lowercase letters, as in the
  /// regular expressions Keras uses.
  public static func layerNamePrefix(_ className: String) -> String {
    func isUpper(_ c: Character) -> Bool { c.isASCII && c.isUppercase }
    func isLower(_ c: Character) -> Bool { c.isASCII && c.isLowercase }
    let word = Array(className.filter { $0.isLetter || $0.isNumber || $0 == "_" })
    var first: [Character] = []
    var i = 0
    while i < word.count {
      // (.)([A-Z][a-z]+)
      if i + 2 < word.count, isUpper(word[i + 1]), isLower(word[i + 2]) {
        var j = i + 2
        while j < word.count, isLower(word[j]) { j += 1 }
        first.append(word[i])
        first.append("_")
        first += word[(i + 1)..<j]
        i = j
      } else {
        first.append(word[i])
        i += 1
      }
    }
    var second: [Character] = []
    i = 0
    while i < first.count {
      // ([a-z])([A-Z])
      if i + 1 < first.count, isLower(first[i]), isUpper(first[i + 1]) {
        second += [first[i], "_", first[i + 1]]
        i += 2
      } else {
        second.append(first[i])
        i += 1
      }
    }
    return String(second).lowercased()
  }
}

import RNGTrace
import Testing

/// The phase context matches a documented phase word by its code; these
/// pin down that it matches exactly as comparing the words would.
@Suite("Phase context")
struct PhaseContextTests {
  typealias Word = PhaseContext.Word

  func input(_ word: Word, _ edge: PhaseEdge, _ index: Int? = nil, name: String? = nil) -> PhaseContext.Input {
    PhaseContext.Input(word: word, edge: edge, index: index, name: name)
  }

  @Test("an end closes the innermost open phase with its word")
  func endClosesItsPhase() {
    var context = PhaseContext()
    _ = context.apply(input(.epoch, .begin, 1))
    _ = context.apply(input(.batch, .begin, 0))
    #expect(context.description == "epoch 1 › batch 0")
    _ = context.apply(input(.batch, .end, 0))
    #expect(context.description == "epoch 1")
    _ = context.apply(input(.epoch, .end, 1))
    #expect(context.description == "start")
    #expect(context.coarseDescription == "after epoch 1")
  }

  @Test("an end skips open phases with other words, closing them too")
  func endSkipsOtherWords() {
    var context = PhaseContext()
    _ = context.apply(input(.epoch, .begin, 1))
    _ = context.apply(input(.batch, .begin, 0))
    _ = context.apply(input(.epoch, .end, 1))
    #expect(context.frames.isEmpty)
  }

  @Test("a word outside the documented ones is not a documented word with the same text")
  func otherWordsAreTheirOwn() {
    var a = PhaseContext()
    _ = a.apply(input(.other("epoch"), .begin, 1))
    // No open documented epoch: the end is unmatched and closes nothing.
    let unmatched = a.apply(input(.epoch, .end, 1))
    #expect(a.frames.count == 1)
    // The same as an end with nothing open, at the same place.
    var b = PhaseContext()
    _ = b.apply(input(.other("epoch"), .begin, 1))
    _ = b.apply(input(.other("stage"), .begin, 2))
    _ = b.apply(input(.other("stage"), .end, 2))
    #expect(b.apply(input(.epoch, .end, 1)) == unmatched)
    // Two other words match by their text.
    _ = a.apply(input(.other("epoch"), .end, 1))
    #expect(a.frames.isEmpty)
  }

  @Test("a begin of the phase open on top closes it first, when the names agree")
  func repeatedBeginClosesTop() {
    var context = PhaseContext()
    _ = context.apply(input(.fit, .begin))
    _ = context.apply(input(.fit, .begin))
    #expect(context.frames.count == 1)
    _ = context.apply(input(.build, .begin, name: "a"))
    _ = context.apply(input(.build, .begin, name: "b"))
    #expect(context.frames.count == 3)
    _ = context.apply(input(.build, .begin, name: "b"))
    #expect(context.frames.count == 3)
    _ = context.apply(input(.other("warmup"), .begin))
    _ = context.apply(input(.other("warmup"), .begin))
    #expect(context.frames.count == 4)
  }

  @Test("the same phases give the same keys in two contexts")
  func keysAreStable() {
    var a = PhaseContext(), b = PhaseContext()
    let events: [PhaseContext.Input] = [
      input(.fit, .begin), input(.epoch, .begin, 1), input(.batch, .begin, 0), input(.batch, .end, 0),
      input(.other("eval"), .begin), input(.other("eval"), .end), input(.epoch, .end, 1), input(.fit, .end),
    ]
    let keysA = events.map { a.apply($0) }
    let keysB = events.map { b.apply($0) }
    #expect(keysA == keysB)
    #expect(Set(keysA).count == keysA.count)
  }

  @Test("documented words without a name: apply(code:edge:index:) gives the general path's keys and frames", arguments: 0..<6)
  func documentedFastPathAgrees(seed: UInt64) {
    // Random phase events — repeated begins, ends of phases that are not on
    // top, unmatched ends, begins without an index, names and other words
    // mixed in — applied to one context through the general path and to
    // another through the fast path wherever it applies.
    var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    let words: [Word] = [.build, .compile, .fit, .epoch, .batch, .predict, .evaluate, .other("warmup"), .other("batch")]
    var general = PhaseContext(), fast = PhaseContext()
    var fastSteps = 0
    for step in 0..<2_000 {
      let word = words[next(words.count)]
      let edge: PhaseEdge = next(2) == 0 ? .begin : .end
      let index: Int? = next(4) == 0 ? nil : next(5) - 1
      let name: String? = next(8) == 0 ? ["a", "b"][next(2)] : nil
      let event = input(word, edge, index, name: name)
      let expected = general.apply(event)
      let got: UInt64
      if name == nil, let code = word.code {
        got = fast.apply(code: code, edge: edge, index: index)
        fastSteps += 1
      } else {
        got = fast.apply(event)
      }
      #expect(got == expected, "step \(step): \(word.text) \(edge) \(index.map(String.init) ?? "-")")
      #expect(fast.description == general.description, "step \(step)")
      #expect(fast.coarseDescription == general.coarseDescription, "step \(step)")
      #expect(fast.topKey == general.topKey && fast.epoch == general.epoch, "step \(step)")
      if got != expected || fast.description != general.description { break }
    }
    #expect(fastSteps > 1_000)
  }
}

import RNGEngine
import RNGStreams
import RNGTrace

/// The observer a scenario hands to the emulated streams. It forwards every
/// report to the ``TraceRecorder`` and notes where each event landed in the
/// trace, so tests can check the differ against what was recorded.
///
/// It adds two things the recorder alone cannot do:
/// - a queue of consumers for calls that make several reports (torch's
///   `nn.Linear` draws its weight, then its bias): each report takes the
///   next consumer of the queue;
/// - a pause, for work the scenario deliberately leaves out of the trace
///   (the stream still advances, so the trace shows a counter gap).
///
/// Stream declarations: the recorder declares a stream when it first sees
/// it (or sees its counter go back after a reseed), with the `source` of
/// that moment. That moment is a draw, whose line is not the line of the
/// seeding call; so for such a draw the relay clears the source, and both
/// the declaration and that one draw carry no line rather than a wrong one
/// (the declaration still names the seeding call). Streams declared by a
/// derivation (`keras.utils.set_random_seed`, `tf.random.set_seed`,
/// `jax.random.key`) get the seeding line, because the derivation is
/// reported at the seeding call.
final class DrawRelay: DrawObserver {
  let recorder: TraceRecorder
  var paused = false
  var queue: [Consumer] = []
  private(set) var events: [RecordedEvent] = []
  /// Per stream (as the recorder keys them), the counter after the last draw it saw.
  private var next: [StreamKey: UInt64] = [:]

  private struct StreamKey: Hashable {
    var framework: String
    var name: String
    var algorithm: String
    var seedMaterial: String

    init(_ s: StreamIdentity) {
      framework = s.framework.rawValue
      name = s.name
      algorithm = s.algorithm.rawValue
      seedMaterial = s.seedMaterial
    }
  }

  init(recorder: TraceRecorder) {
    self.recorder = recorder
  }

  func observe(_ draw: DrawReport) {
    let queued = queue.isEmpty ? nil : queue.removeFirst()
    guard !paused else { return }
    let key = StreamKey(draw.stream)
    let declares = next[key].map { draw.counterBefore < $0 } ?? true
    let source = recorder.source
    if declares { recorder.source = nil }
    defer {
      recorder.source = source
      next[key] = draw.counterAfter
    }
    let consumer: Consumer
    if let queued {
      consumer = queued
      recorder.consuming(consumer.path, role: consumer.role) { recorder.observe(draw) }
    } else {
      consumer = recorder.consumer
      recorder.observe(draw)
    }
    events.append(RecordedEvent(
      kind: .draw, line: recorder.writer.eventsWritten, name: consumer.path, role: consumer.role,
      counter: draw.counterBefore, count: draw.count,
      stream: "\(draw.stream.framework.rawValue) \"\(draw.stream.name)\""))
  }

  func observe(_ derivation: SeedDerivation) {
    guard !paused else { return }
    if let derived = derivation.derived, next[StreamKey(derived)] == nil { next[StreamKey(derived)] = 0 }
    recorder.observe(derivation)
    let consumer = recorder.consumer
    events.append(RecordedEvent(
      kind: .derivation, line: recorder.writer.eventsWritten, name: consumer.path, role: consumer.role,
      rule: derivation.rule))
  }

  /// Notes a tensor or metric the recording just wrote.
  func noteWritten(_ kind: RecordedEvent.Kind, name: String, role: String, value: Double? = nil) {
    events.append(RecordedEvent(kind: kind, line: recorder.writer.eventsWritten, name: name, role: role, value: value))
  }
}

import RNGRecording
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
/// Stream declarations come from the streams themselves: each seeding call
/// reports the stream as seeded while the recorder's `source` is the seeding
/// line, and the recorder declares it there.
final class DrawRelay: DrawObserver {
  let recorder: TraceRecorder
  var paused = false
  var queue: [Consumer] = []
  private(set) var events: [RecordedEvent] = []

  init(recorder: TraceRecorder) {
    self.recorder = recorder
  }

  func observe(_ draw: DrawReport) {
    let queued = queue.isEmpty ? nil : queue.removeFirst()
    guard !paused else { return }
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
      stream: Self.describe(draw.stream)))
  }

  func observe(_ derivation: SeedDerivation) {
    guard !paused else { return }
    recorder.observe(derivation)
    let consumer = recorder.consumer
    events.append(RecordedEvent(
      kind: .derivation, line: recorder.writer.eventsWritten, name: consumer.path, role: consumer.role,
      rule: derivation.rule))
  }

  func observe(seeded stream: StreamIdentity, start: UInt64) {
    guard !paused else { return }
    recorder.observe(seeded: stream, start: start)
    let consumer = recorder.consumer
    events.append(RecordedEvent(
      kind: .seeding, line: recorder.writer.eventsWritten, name: consumer.path, role: consumer.role,
      stream: Self.describe(stream)))
  }

  /// A stream as `framework "name"`.
  static func describe(_ stream: StreamIdentity) -> String { "\(stream.framework.rawValue) \"\(stream.name)\"" }

  /// Notes a tensor or metric the recording just wrote.
  func noteWritten(_ kind: RecordedEvent.Kind, name: String, role: String, value: Double? = nil) {
    events.append(RecordedEvent(kind: kind, line: recorder.writer.eventsWritten, name: name, role: role, value: value))
  }
}

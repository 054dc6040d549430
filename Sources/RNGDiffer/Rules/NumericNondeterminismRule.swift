import RNGTrace

extension DiffEngine {
  /// `numeric-nondeterminism`: Tensors or metrics differ although every draw before them matches.
  ///
  /// The explanation says that the draws are identical and the arithmetic
  /// differs, names the runs' device, thread counts and determinism switches
  /// as their traces record them, and the fix is the determinism switch of
  /// the framework *version* in the trace (TensorFlow's
  /// `enable_op_determinism()` from 2.8, `TF_DETERMINISTIC_OPS=1` before it;
  /// PyTorch's `use_deterministic_algorithms(True)`, with what the checked
  /// versions' documentation says it does; XLA's flag for JAX).
  ///
  /// Its meaning, typical cause, an example report and the fix are in
  /// docs/diagnoses.md#numeric-nondeterminism.
  enum NumericNondeterminismRule: DiagnosisRule {
    static let kind = DiagnosisKind.numericNondeterminism

    static func explanation(_ c: Cause) -> String {
      let who = c.consumer?.description ?? "this event"
      var draws = "every draw before it matches in both runs"
      if !c.unrelatedDraws.isEmpty {
        let names = c.unrelatedDraws.prefix(2).joined(separator: ", ")
        draws = "every draw it can depend on matches in both runs (the import-time draw of \(names) differs, but nothing drew after it from that stream)"
      }
      var text = "\(who) differs although \(draws): the draws are identical and the arithmetic differs."
      if let headers = c.headers { text += " " + settingsSentence(headers.a, headers.b) }
      return text
    }

    static func fix(_ c: Cause) -> String {
      guard let header = c.headers?.a else {
        return "Turn on the framework's deterministic kernels (tf.config.experimental.enable_op_determinism(), torch.use_deterministic_algorithms(True)) and run with the same device and thread counts."
      }
      var fix = determinismSwitch(header)
      if !header.config.threads.isEmpty {
        fix += "; keep the thread counts the same in every run (\(list(header.config.threads))): a determinism switch holds for the same hardware and configuration only"
      }
      return fix + "."
    }

    // MARK: Sentences

    /// What the traces say about where the arithmetic ran.
    static func settingsSentence(_ a: RunHeader, _ b: RunHeader) -> String {
      var parts: [String] = []
      let device = a.config.device ?? b.config.device
      if let device {
        parts.append("device \(device)")
      }
      if !a.config.threads.isEmpty { parts.append("threads \(list(a.config.threads))") }
      let switches = a.config.determinism.filter { isOn($0.value) } + a.config.environment.filter { isDeterminismVariable($0) }
      if switches.isEmpty {
        parts.append("no determinism switch on")
      } else {
        parts.append("determinism switched on (\(list(switches)))")
      }
      var sentence = "Both runs: " + parts.joined(separator: ", ") + "."
      let computesWithXLA = a.profile.framework.rawValue == "jax" || a.profile.semantics == "keras3-jax"
      let reaching = switches.filter { ($0.name == "XLA_FLAGS") == computesWithXLA }
      if !switches.isEmpty && reaching.isEmpty {
        sentence += computesWithXLA
          ? " That switch is TensorFlow's; this run computes with JAX (XLA), which it does not reach."
          : " That switch is XLA's; this run's arithmetic is not XLA's, so it does not reach it."
      } else if isGPU(device), switches.isEmpty {
        sentence += " On a GPU many threads add into one sum in the order they finish, and float32 addition gives another result in another order, so each run's sums come out differently."
      } else if device == "cpu", switches.isEmpty, a.config.threads.isEmpty {
        sentence += " On a CPU the usual source is a thread count or a kernel choice that changes the order of float32 sums."
      } else if !switches.isEmpty {
        sentence += " The switch is on, so the difference comes from an op it does not cover, or from thread counts or hardware that differ between the runs."
      } else if a.config.device == nil && a.config.threads.isEmpty {
        sentence = "The traces record no device, thread count or determinism switch; the usual source is kernel choice, thread scheduling or atomic adds, which change the order of float32 sums."
      }
      return sentence
    }

    /// The switch that makes the framework of `header`, at its version, compute deterministically.
    static func determinismSwitch(_ header: RunHeader) -> String {
      let profile = header.profile
      let framework = profile.framework.rawValue
      let semantics = profile.semantics ?? ""
      if framework == "torch" || library("torch", header) != nil && !["keras", "tf-keras", "tensorflow", "jax"].contains(framework) {
        return torchSwitch(library("torch", header) ?? profile.version, onGPU: isGPU(header.config.device))
      }
      if framework == "jax" || semantics == "keras3-jax" {
        return "Start the process with XLA_FLAGS=--xla_gpu_deterministic_ops=true (XLA's GPU kernels then sum in a fixed order; jax \(library("jax", header) ?? profile.version))"
      }
      if framework == "tensorflow" || framework == "keras" || framework == "tf-keras" {
        return tensorFlowSwitch(library("tensorflow", header) ?? (framework == "tensorflow" ? profile.version : nil))
      }
      return "Run both with the same device and thread counts, and turn on the deterministic mode of the library that does the arithmetic"
    }

    static func tensorFlowSwitch(_ version: String?) -> String {
      guard let version, let (major, minor) = majorMinor(version) else {
        return "Call tf.config.experimental.enable_op_determinism() at the start of the script (TensorFlow 2.8 or later; TF_DETERMINISTIC_OPS=1 before 2.8)"
      }
      if major > 2 || (major == 2 && minor >= 8) {
        return "Call tf.config.experimental.enable_op_determinism() at the start of the script (TensorFlow \(version) has it; an op with no deterministic kernel then raises UnimplementedError instead of varying)"
      }
      if major == 2 && minor >= 1 {
        return "Set TF_DETERMINISTIC_OPS=1 before TensorFlow runs its first op (TensorFlow \(version) predates enable_op_determinism, which came in 2.8)"
      }
      return "TensorFlow \(version) has no determinism switch; upgrade to 2.8 or later and call tf.config.experimental.enable_op_determinism()"
    }

    /// Versions whose `use_deterministic_algorithms` documentation was read
    /// for this sentence (2.13.0 from its installed docstring; 2.15 as issue
    /// 11 quotes it): both list `index_add` on CUDA among the ops made
    /// deterministic and `cumsum` on CUDA among those that raise.
    static let checkedTorchVersions = ["2.13", "2.15"]

    static func torchSwitch(_ version: String, onGPU: Bool) -> String {
      let call = onGPU
        ? "Call torch.use_deterministic_algorithms(True) before the first CUDA op and set CUBLAS_WORKSPACE_CONFIG=:4096:8 in the environment"
        : "Call torch.use_deterministic_algorithms(True) at the start of the script and fix the thread count with torch.set_num_threads(n)"
      guard let (major, minor) = majorMinor(version) else { return call }
      if major < 1 || (major == 1 && minor < 8) {
        return "torch \(version) predates torch.use_deterministic_algorithms (1.8); set torch.backends.cudnn.deterministic = True and torch.backends.cudnn.benchmark = False, or upgrade"
      }
      if onGPU && checkedTorchVersions.contains("\(major).\(minor)") {
        return call + " (torch \(version)'s documentation: ops with a deterministic implementation, such as index_add and scatter_add_ on CUDA, switch to it; ops without one, such as cumsum on CUDA, raise RuntimeError)"
      }
      return call + " (torch \(version)'s documentation lists which ops then switch to a deterministic implementation and which raise RuntimeError)"
    }

    // MARK: Helpers

    /// A device name for a GPU: `gpu`, `cuda`, `cuda:0`, `/GPU:0`.
    static func isGPU(_ device: String?) -> Bool {
      guard let device = device?.lowercased() else { return false }
      return device.hasPrefix("cuda") || device.contains("gpu")
    }

    static func library(_ name: String, _ header: RunHeader) -> String? {
      header.config.libraries.first { $0.name == name }?.value
    }

    static func majorMinor(_ version: String) -> (Int, Int)? {
      let parts = version.split(separator: ".")
      guard parts.count >= 2, let major = Int(parts[0]), let minor = Int(parts[1].prefix { $0.isNumber }) else { return nil }
      return (major, minor)
    }

    static func isOn(_ value: String) -> Bool {
      ["true", "1", "on", "yes"].contains(value.lowercased())
    }

    static func isDeterminismVariable(_ item: NamedValue) -> Bool {
      (item.name == "TF_DETERMINISTIC_OPS" && isOn(item.value))
        || (item.name == "XLA_FLAGS" && item.value.contains("--xla_gpu_deterministic_ops=true"))
    }

    static func list(_ items: [NamedValue]) -> String {
      items.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
    }
  }
}

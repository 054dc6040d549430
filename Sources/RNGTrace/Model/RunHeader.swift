/// The first line of every trace: what wrote it, what it emulates or
/// observed, and the configuration that changes results.
///
/// ```swift
/// var header = RunHeader(producer: "rngdiff", producerVersion: "0.1.0",
///                        profile: TraceProfile(framework: .torch, version: "2.15"))
/// header.label = "sequential"
/// header.source = SourceScript(path: "report.py", sha256: "9f86d0…")
/// header.config.pythonHashSeed = "0"
/// header.config.libraries = [NamedValue("torch", "2.15.0")]
/// ```
///
/// Edge cases: every field but the format version may be left empty by a
/// producer that does not know it; the differ compares only what both sides
/// state.
public struct RunHeader: Sendable, Hashable {
  /// The trace format version this header was written in (``TraceFormat/version``).
  public var formatVersion: Int
  /// The program that wrote the trace (`"rngdiff"`, `"rngdiff-recorder"`).
  public var producer: String
  /// Its version.
  public var producerVersion: String
  /// The framework and the version semantics emulated or observed.
  public var profile: TraceProfile
  /// A free-form label for the run (`"sequential"`, `"run 2"`).
  public var label: String?
  /// The script the run came from, with its hash.
  public var source: SourceScript?
  /// Configuration that changes results.
  public var config: RunConfig

  /// Creates the value from its fields.
  public init(
    formatVersion: Int = TraceFormat.version, producer: String, producerVersion: String,
    profile: TraceProfile, label: String? = nil, source: SourceScript? = nil, config: RunConfig = RunConfig()
  ) {
    self.formatVersion = formatVersion
    self.producer = producer
    self.producerVersion = producerVersion
    self.profile = profile
    self.label = label
    self.source = source
    self.config = config
  }
}

/// The framework and version semantics a run follows.
///
/// `version` is the framework version whose behaviour is emulated (or the
/// installed version, for a trace recorded inside a real process);
/// `semantics` optionally names a behaviour switch that changes random bits
/// (`"jax_threefry_partitionable=True"`, `"keras3-jax-backend"`).
///
/// ```swift
/// TraceProfile(framework: .jax, version: "0.10.2", semantics: "jax_threefry_partitionable=True")
/// ```
public struct TraceProfile: Sendable, Hashable {
  /// The framework (`numpy`, `torch`, …).
  public var framework: FrameworkName
  /// The framework version whose behaviour applies.
  public var version: String
  /// A behaviour switch that changes random bits, when one is set.
  public var semantics: String?

  /// Creates the value from its fields.
  public init(framework: FrameworkName, version: String, semantics: String? = nil) {
    self.framework = framework
    self.version = version
    self.semantics = semantics
  }
}

/// The script a run came from: its path as given and the SHA-256 of its
/// bytes (64 lowercase hex digits).
///
/// ```swift
/// SourceScript(path: "report.py", sha256: SHA256.hex(bytes))
/// ```
public struct SourceScript: Sendable, Hashable {
  /// The path as written.
  public var path: String
  /// SHA-256 of the script's bytes, 64 lowercase hex digits.
  public var sha256: String

  /// Creates the value from its fields.
  public init(path: String, sha256: String) {
    self.path = path
    self.sha256 = sha256
  }
}

/// Configuration that changes results: hash seed, device, thread counts,
/// determinism switches, library versions, and other environment settings.
///
/// Every value is text, as the user would type it. Lists keep the order the
/// producer wrote; the differ compares settings by name.
///
/// ```swift
/// var config = RunConfig()
/// config.device = "cpu"
/// config.threads = [NamedValue("intra_op", "4")]
/// config.determinism = [NamedValue("torch.use_deterministic_algorithms", "True")]
/// ```
public struct RunConfig: Sendable, Hashable {
  /// `PYTHONHASHSEED` as set (`"0"`, `"random"`), or nil when unknown.
  public var pythonHashSeed: String?
  /// The device the run's tensors live on (`"cpu"`, `"cuda:0"`).
  public var device: String?
  /// Thread counts (`intra_op`, `inter_op`, `OMP_NUM_THREADS`).
  public var threads: [NamedValue]
  /// Determinism switches (`torch.use_deterministic_algorithms`,
  /// `tf.config.experimental.enable_op_determinism`, `CUBLAS_WORKSPACE_CONFIG`).
  public var determinism: [NamedValue]
  /// Library versions (`torch` = `"2.15.0"`, `numpy` = `"2.4.6"`).
  public var libraries: [NamedValue]
  /// Any other setting that changes results (environment variables, flags).
  public var environment: [NamedValue]

  /// Creates the value from its fields.
  public init(
    pythonHashSeed: String? = nil, device: String? = nil, threads: [NamedValue] = [],
    determinism: [NamedValue] = [], libraries: [NamedValue] = [], environment: [NamedValue] = []
  ) {
    self.pythonHashSeed = pythonHashSeed
    self.device = device
    self.threads = threads
    self.determinism = determinism
    self.libraries = libraries
    self.environment = environment
  }

  /// Every setting as one flat list of dotted names (`"threads.intra_op"`,
  /// `"libraries.torch"`, `"PYTHONHASHSEED"`, `"device"`), in a fixed order.
  /// This is the list the differ compares.
  public var flattened: [NamedValue] {
    var out: [NamedValue] = []
    if let pythonHashSeed { out.append(NamedValue("PYTHONHASHSEED", pythonHashSeed)) }
    if let device { out.append(NamedValue("device", device)) }
    for (section, list) in [("threads", threads), ("determinism", determinism), ("libraries", libraries),
                            ("environment", environment)] {
      for item in list { out.append(NamedValue("\(section).\(item.name)", item.value)) }
    }
    return out
  }
}

/// Facts about the trace format itself.
public enum TraceFormat {
  /// The value of the header's `format` field: `"rngdiff-trace"`.
  public static let name = "rngdiff-trace"
  /// The format version this library writes.
  public static let version = 1
  /// Every format version this library reads.
  public static let supportedVersions: [Int] = [1]
}

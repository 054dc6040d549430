import KerasStreams
import PythonSubset

extension KerasSession {
  /// `keras.optimizers` (`SGD`, `Adam`, `RMSprop`, `Adagrad` with Keras 3's
  /// signatures and defaults) and `keras.losses` (the emulated loss classes
  /// and functions' names), for `model.compile`.
  ///
  /// Arguments that change the arithmetic beyond what is emulated
  /// (`weight_decay`, clipping, EMA, loss scaling, gradient accumulation,
  /// a schedule as `learning_rate`) stop the run at the argument.
  func defineTraining(in keras: Namespace) {
    let optimizers = Namespace(name: "keras.optimizers")
    let common = "weight_decay=None, clipnorm=None, clipvalue=None, global_clipnorm=None, use_ema=False, ema_momentum=0.99, ema_overwrite_frequency=None, loss_scale_factor=None, gradient_accumulation_steps=None, name=None"
    func checkCommon(_ args: BoundArguments) throws {
      for name in ["weight_decay", "clipnorm", "clipvalue", "global_clipnorm", "ema_overwrite_frequency", "loss_scale_factor", "gradient_accumulation_steps"] {
        if args.isGiven(name) {
          throw args.error(name, "\(args.signature.name)() argument '\(name)' is not emulated by rngdiff run's training; leave it None")
        }
      }
      if try args.bool("use_ema") == true {
        throw args.error("use_ema", "\(args.signature.name)() argument 'use_ema' is not emulated by rngdiff run's training; leave it False")
      }
    }
    func rate(_ args: BoundArguments, _ fallback: Double) throws -> Double {
      guard args.isGiven("learning_rate") else { return fallback }
      guard let r = try? args.double("learning_rate") else {
        throw args.error("learning_rate", "\(args.signature.name)() argument 'learning_rate' must be a float; schedules are not emulated")
      }
      return r
    }
    optimizers.define("SGD(learning_rate=0.01, momentum=0.0, nesterov=False, \(common))") { args in
      try checkCommon(args)
      let momentum = try args.double("momentum") ?? 0
      guard momentum >= 0 && momentum <= 1 else {
        throw args.error("momentum", "`momentum` must be a float between [0, 1].")
      }
      return .object(KerasOptimizerObject(KerasOptimizer(
        .sgd(momentum: momentum, nesterov: try args.bool("nesterov") ?? false), learningRate: try rate(args, 0.01))))
    }
    optimizers.define("Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False, \(common))") { args in
      try checkCommon(args)
      return .object(KerasOptimizerObject(KerasOptimizer(
        .adam(beta1: try args.double("beta_1") ?? 0.9, beta2: try args.double("beta_2") ?? 0.999,
              epsilon: try args.double("epsilon") ?? 1e-7, amsgrad: try args.bool("amsgrad") ?? false),
        learningRate: try rate(args, 0.001))))
    }
    optimizers.define("RMSprop(learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-07, centered=False, \(common))") { args in
      try checkCommon(args)
      return .object(KerasOptimizerObject(KerasOptimizer(
        .rmsprop(rho: try args.double("rho") ?? 0.9, momentum: try args.double("momentum") ?? 0,
                 epsilon: try args.double("epsilon") ?? 1e-7, centered: try args.bool("centered") ?? false),
        learningRate: try rate(args, 0.001))))
    }
    optimizers.define("Adagrad(learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-07, \(common))") { args in
      try checkCommon(args)
      return .object(KerasOptimizerObject(KerasOptimizer(
        .adagrad(initialAccumulator: try args.double("initial_accumulator_value") ?? 0.1, epsilon: try args.double("epsilon") ?? 1e-7),
        learningRate: try rate(args, 0.001))))
    }
    keras.define("optimizers", .object(optimizers))

    let losses = Namespace(name: "keras.losses")
    for (className, loss) in zip(KerasLoss.classNames, KerasLoss.allCases) {
      losses.define("\(className)(from_logits=False, reduction='sum_over_batch_size', name=None, **kwargs)") { args in
        if try args.bool("from_logits") == true {
          throw args.error("from_logits", "\(className)(from_logits=True) is not emulated by rngdiff run's training; use a softmax/sigmoid output")
        }
        if let r = try args.string("reduction"), r != "sum_over_batch_size" {
          throw args.error("reduction", "\(className)() reduction '\(r)' is not emulated; accepted: 'sum_over_batch_size'")
        }
        if let extra = args.extraKeywords.first {
          throw EvaluationError("\(className)() argument '\(extra.name)' is not emulated", at: extra.value.range)
        }
        return .object(KerasLossObject(loss))
      }
    }
    keras.define("losses", .object(losses))
  }
}

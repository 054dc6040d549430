import RNGStreams

extension JAXRandom {
  /// `jax.random.uniform(key, shape, dtype, minval, maxval)`: floats in
  /// `[minval, maxval)`.
  ///
  /// ```swift
  /// try random.uniform(random.prngKey(0), shape: [3]).floats
  /// // [0.947667, 0.9785799, 0.3322915] (partitionable)
  /// try random.uniform(random.prngKey(42), shape: [3], minval: -2, maxval: 3).floats
  /// ```
  ///
  /// The random bits become a float in [1, 2) by keeping their *high*
  /// mantissa-many bits under the exponent of 1.0 (TensorFlow keeps the low
  /// bits), minus 1. Then `max(minval, f·(maxval − minval) + minval)`: for
  /// float32 and float64 the multiply-add is one fused FMA on XLA CPU; for
  /// float16 and bfloat16 each operation rounds to the dtype. float16 draws
  /// 16-bit words, bfloat16 8-bit words (its 7 mantissa bits), float64
  /// 64-bit words.
  ///
  /// `dtype` defaults to float32 (float64 with x64); float64 without x64
  /// silently becomes float32. `minval`/`maxval` are Python numbers, first
  /// rounded to float32 (to float64 with x64), then to `dtype`. Throws for
  /// a non-float dtype or a bad shape.
  public func uniform(
    _ key: JAXKey, shape: [Int] = [], dtype: JAXDType? = nil, minval: Double = 0, maxval: Double = 1
  ) throws -> DrawnValues {
    let dtype = config.canonical(dtype ?? config.defaultFloat)
    guard dtype.isFloat else {
      throw FrameworkError("dtype argument to `uniform` must be a float dtype, got \(dtype.name).", parameter: "dtype")
    }
    let count = try Self.elementCount(shape)
    let (values, blocks) = uniformValues(key, count: count, dtype: dtype, minval: minval, maxval: maxval)
    report(key, blocks: blocks, operation: "uniform", distribution: "uniform",
           parameters: [.init("minval", String(minval)), .init("maxval", String(maxval)), .init("dtype", dtype.name)],
           shape: shape, values: values)
    return values
  }

  /// A Python float argument as the jitted sampler receives it, in float32
  /// or float16/bfloat16 (through float32 without x64).
  func argument(_ x: Double, as dtype: JAXDType) -> Float {
    switch dtype {
    case .float16: return config.enableX64 ? Float(Float16(x)) : XLAFloatOps.float16(Float(x))
    case .bfloat16: return XLAFloatOps.bfloat16(Float(x))
    default: return Float(x)
    }
  }

  /// The uniform values of any float dtype and the blocks hashed.
  func uniformValues(
    _ key: JAXKey, count: Int, dtype: JAXDType, minval: Double, maxval: Double
  ) -> (DrawnValues, UInt64) {
    switch dtype {
    case .float64:
      let (bits, blocks) = rawBits(key, width: 64, count: count)
      let lo = minval, span = maxval - minval
      return (.float64(bits.map { b in
        let f = Double(bitPattern: b >> 12 | 0x3FF0_0000_0000_0000) - 1
        return XLAFloatOps.maximum(lo, lo.addingProduct(f, span))
      }), blocks)
    case .float16, .bfloat16:
      let width = dtype == .float16 ? 16 : 8
      let (bits, blocks) = rawBits(key, width: width, count: count)
      let lo = argument(minval, as: dtype), hi = argument(maxval, as: dtype)
      let span = XLAFloatOps.round(hi - lo, to: dtype)
      return (DrawnValues(bits.map { b in
        let f = dtype == .float16
          ? Float(Float16(bitPattern: UInt16(b >> 6) | 0x3C00)) - 1
          : Float(bitPattern: UInt32(b >> 1 | 0x3F80) << 16) - 1
        let scaled = XLAFloatOps.round(f * span, to: dtype)
        return XLAFloatOps.maximum(lo, XLAFloatOps.round(scaled + lo, to: dtype))
      }, roundedTo: dtype.elementType), blocks)
    default:
      let lo = Float(minval), span = Float(maxval) - lo
      let (values, blocks) = mapBits32(key, count: count) { Self.uniformFloat32($0, minval: lo, span: span) }
      return (.float32(values), blocks)
    }
  }

  /// float32 uniform values from 32-bit words: `max(lo, fma(f, hi − lo, lo))`.
  static func uniformFloat32(_ bits: [UInt32], minval lo: Float, maxval hi: Float) -> [Float] {
    let span = hi - lo
    return bits.map { uniformFloat32($0, minval: lo, span: span) }
  }

  /// One float32 uniform value from a 32-bit word: `max(lo, fma(f, span, lo))`
  /// with `f` in [0, 1) from the word's high 23 bits.
  @inline(__always)
  static func uniformFloat32(_ b: UInt32, minval lo: Float, span: Float) -> Float {
    let f = Float(bitPattern: b >> 9 | 0x3F80_0000) - 1
    return XLAFloatOps.maximum(lo, lo.addingProduct(f, span))
  }
}

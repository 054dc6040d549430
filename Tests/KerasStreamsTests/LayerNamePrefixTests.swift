import KerasStreams
import Testing

/// Layer auto-name prefixes: each expected value was printed by Keras
/// 3.15.1's own regular expressions (`keras.src.utils.naming.to_snake_case`)
/// under CPython 3.11.7.
@Suite struct LayerNamePrefix {
  @Test(arguments: [
    ("MyModel", "my_model"),
    ("MyMLPModel", "my_mlp_model"),
    ("Scale", "scale"),
    ("NoName", "no_name"),
    ("MLP", "mlp"),
    ("ResNet50Block", "res_net50_block"),
    ("A", "a"),
    ("AB", "ab"),
    ("ABc", "a_bc"),
    ("myLayer", "my_layer"),
    ("HTTPServer2Go", "http_server2_go"),
    ("X1Y2", "x1y2"),
    ("aBcDeF", "a_bc_de_f"),
    ("Dense", "dense"),
    ("GaussianNoise", "gaussian_noise"),
    ("_Private", "__private"),
    ("My-Layer", "my_layer"),
    ("ABCDefGHi", "abc_def_g_hi"),
  ])
  func matchesKeras(_ className: String, _ expected: String) {
    #expect(Keras3.layerNamePrefix(className) == expected)
  }
}

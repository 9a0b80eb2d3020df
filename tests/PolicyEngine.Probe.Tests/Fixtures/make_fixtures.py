#!/usr/bin/python3
"""Writes the tiny ONNX models the probe tests run. Needs Debian's python3-onnx (apt-get install python3-onnx).

  classifier.onnx            x: float[batch, 16] -> logits: float[batch, 10]   (MatMul + Add, fixed weights)
  classifier-perturbed.onnx  the same with noise on the weights: its argmax disagrees on some inputs
  sequence.onnx              x: float[batch, seq, 4] -> y: float[batch, 3]       (a second symbolic dimension)

Deterministic: rerun with /usr/bin/python3 tests/PolicyEngine.Probe.Tests/Fixtures/make_fixtures.py
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = [helper.make_opsetid("", 13)]


def save(graph, name):
    model = helper.make_model(graph, opset_imports=OPSET, producer_name="policyengine-fixtures")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, name))


def classifier(weights, bias, name):
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["x", "W"], ["h"]), helper.make_node("Add", ["h", "b"], ["logits"])],
        "classifier",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 16])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])],
        [numpy_helper.from_array(weights, "W"), numpy_helper.from_array(bias, "b")],
    )
    save(graph, name)


def sequence():
    rng = np.random.default_rng(3)
    graph = helper.make_graph(
        [helper.make_node("ReduceMean", ["x"], ["m"], axes=[1], keepdims=0), helper.make_node("MatMul", ["m", "W"], ["y"])],
        "sequence",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "seq", 4])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])],
        [numpy_helper.from_array(rng.standard_normal((4, 3)).astype(np.float32), "W")],
    )
    save(graph, "sequence.onnx")


def main():
    rng = np.random.default_rng(20261125)
    weights = rng.standard_normal((16, 10)).astype(np.float32)
    bias = rng.standard_normal(10).astype(np.float32) * 0.1
    classifier(weights, bias, "classifier.onnx")
    noise = rng.standard_normal((16, 10)).astype(np.float32) * 0.35
    classifier(weights + noise, bias, "classifier-perturbed.onnx")
    sequence()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Copies the ResNet18 ONNX model with a symbolic batch dimension, so it can be probed at batch 32.

The model in Microsoft.ML.DnnImageFeaturizer.ResNet18 declares its input as [1, 3, 224, 224]. It is fully
convolutional (no Reshape or Flatten), so only the declared shapes pin the batch: this script makes the
first dimension of the input and output 'batch' and drops the inferred intermediate shapes.
Needs Debian's python3-onnx. Usage: make_batched_resnet18.py ResNet18.onnx ResNet18-batched.onnx
"""
import sys

import onnx


def main(source, target):
    model = onnx.load(source)
    graph = model.graph
    for value in list(graph.input) + list(graph.output):
        value.type.tensor_type.shape.dim[0].dim_param = "batch"
    del graph.value_info[:]
    # IR 3 wants every initializer listed as a graph input (ONNX Runtime does not insist); IR 4 does not.
    model.ir_version = max(model.ir_version, 4)
    onnx.checker.check_model(model)
    onnx.save(model, target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

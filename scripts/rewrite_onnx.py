#!/usr/bin/env python3
"""Rewrites PaddleOCR's PP-OCRv4 ONNX graphs once, at set-up, so that OpenCV 4.6's
dnn module imports them, runs the recogniser on lines of any width and the
detector on pages of any size.

Usage: rewrite_onnx.py [--no-custom-ops] DET_IN REC_IN DET_OUT REC_OUT
(--no-custom-ops keeps OpenCV's own convolution layers, for checking caseaudit's
custom layers against them; the detector is then only right for one page size.)

What OpenCV 4.6 rejects or gets wrong, and the rewrite (../shared/notes/ppocr.md):
  both        Constant nodes become initializers, so every constant is in one place.
  detector    Clip with min/max as inputs (opset 11) -> min/max as attributes.
  recogniser  `Shape` of a dynamic input is not supported: the input gets a
              concrete shape [1, 3, 48, W] and every Reshape a constant target,
              -1 where the line width shows through. ReduceMean over the last
              axis and Squeeze fix their output shapes at import: they become a
              MatMul with a column of 1/n and a Reshape with -1. A Mul by a 1-D
              constant (a layer norm's weight, along the last axis) is imported as
              a Scale along axis 1 and fails once the width changes: it becomes a
              MatMul by diag(weight).
  recogniser  the final Softmax is dropped: the output is the logits [1, T, 6625];
              the decoder takes the arg max and the winner's probability itself
              (cheaper than 6,625 exponentials per step inside the graph).
  both        5x5 depthwise convolutions become the custom op
              caseaudit.DepthwiseConv5x5 (OpenCV 4.6 runs them on a slow generic
              path); caseaudit registers the layer with OpenCV's LayerFactory.
  detector    2x2 stride-2 ConvTranspose nodes become caseaudit.ConvTranspose2x2:
              OpenCV 4.6's Deconvolution keeps state from the first input size and
              returns a wrong map for the next page of another size.
For speed, both graphs also get folded (exact, up to float rounding):
  - the scalar affine x * s + c after a convolution (PP-LCNetV3's "learnable
    affine") goes into the convolution's weights and bias;
  - the same affine before a 1x1 convolution goes into its weights and bias;
    before a 5x5 depthwise one, into the custom op's in_scale/in_shift
    attributes (applied before zero padding, so the borders stay exact);
  - weights below the smallest normal float are set to 0 (they add nothing, and
    arithmetic on denormals is slow).
(Fusing hard-swish into OpenCV's HardSwish layer was measured slower: OpenCV
then fuses it into the convolutions on a slow path. It stays four nodes.)
Apart from the dropped Softmax, the outputs compute what the inputs compute.
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, shape_inference

CUSTOM_DOMAIN = "caseaudit"
DEPTHWISE_OP = "DepthwiseConv5x5"
TRANSPOSED_OP = "ConvTranspose2x2"
REC_HEIGHT = 48
PROBE_WIDTHS = (320, 640)  # two line widths: dimensions that differ follow the width


def fail(message):
    sys.stderr.write("rewrite_onnx: " + message + "\n")
    sys.exit(1)


def constants_to_initializers(graph):
    """Moves every Constant node's value into the graph's initializers."""
    kept = []
    for node in graph.node:
        if node.op_type == "Constant":
            tensor = helper.get_attribute_value(node.attribute[0])
            array = numpy_helper.to_array(tensor)
            graph.initializer.append(numpy_helper.from_array(array, node.output[0]))
        else:
            kept.append(node)
    del graph.node[:]
    graph.node.extend(kept)


def initializer_values(graph):
    return {init.name: numpy_helper.to_array(init) for init in graph.initializer}


def attribute(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def clip_inputs_to_attributes(graph):
    """Clip(x, min, max) with constant min/max -> Clip(x) with min/max attributes."""
    values = initializer_values(graph)
    for node in graph.node:
        if node.op_type != "Clip" or len(node.input) == 1:
            continue
        bounds = []
        for name in node.input[1:3]:
            if name not in values:
                fail("Clip %s has a non-constant bound %s" % (node.name, name))
            bounds.append(float(values[name].reshape(-1)[0]))
        del node.input[1:]
        node.attribute.extend([helper.make_attribute("min", bounds[0]),
                               helper.make_attribute("max", bounds[1])])


def depthwise_to_custom_op(model):
    """5x5 stride-1/2 depthwise Conv nodes -> caseaudit.DepthwiseConv5x5."""
    graph = model.graph
    values = initializer_values(graph)
    count = 0
    for node in graph.node:
        if node.op_type == "Conv" and node.input[1] in values and is_depthwise5x5(node, values):
            node.op_type = DEPTHWISE_OP
            node.domain = CUSTOM_DOMAIN
            count += 1
    if count and not any(o.domain == CUSTOM_DOMAIN for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(CUSTOM_DOMAIN, 1))
    return count


def transposed_to_custom_op(model):
    """2x2 stride-2 unpadded ConvTranspose -> caseaudit.ConvTranspose2x2."""
    count = 0
    for node in model.graph.node:
        if node.op_type != "ConvTranspose":
            continue
        if (list(attribute(node, "kernel_shape", [])) == [2, 2] and list(attribute(node, "strides", [])) == [2, 2]
                and list(attribute(node, "pads", [0, 0, 0, 0])) == [0, 0, 0, 0]
                and attribute(node, "group", 1) == 1 and list(attribute(node, "dilations", [1, 1])) == [1, 1]
                and attribute(node, "output_padding") is None and attribute(node, "output_shape") is None):
            node.op_type = TRANSPOSED_OP
            node.domain = CUSTOM_DOMAIN
            count += 1
        else:
            fail("detector: unexpected ConvTranspose %s" % node.name)
    if count and not any(o.domain == CUSTOM_DOMAIN for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(CUSTOM_DOMAIN, 1))
    return count


def consumers(graph):
    users = {}
    for node in graph.node:
        for name in node.input:
            users.setdefault(name, []).append(node)
    return users


def scalar(values, name):
    """The value of a one-element float initializer, else None."""
    v = values.get(name)
    if v is None or v.size != 1 or v.dtype.kind != "f":
        return None
    return float(v.reshape(-1)[0])


def replace_initializer(graph, name, array):
    for i, init in enumerate(graph.initializer):
        if init.name == name:
            graph.initializer[i].CopyFrom(numpy_helper.from_array(array.astype(np.float32), name))
            return
    graph.initializer.append(numpy_helper.from_array(array.astype(np.float32), name))


def own_weights(graph, conv, values, users):
    """The conv's weight and bias arrays, made private to it if shared."""
    for k in range(1, len(conv.input)):
        name = conv.input[k]
        if len(users.get(name, [])) > 1:
            private = conv.name + ".w%d" % k
            graph.initializer.append(numpy_helper.from_array(values[name], private))
            values[private] = values[name]
            conv.input[k] = private
    w = values[conv.input[1]].astype(np.float64)
    if len(conv.input) > 2:
        b = values[conv.input[2]].astype(np.float64)
    else:
        b = np.zeros(w.shape[0])
        bias = conv.name + ".bias"
        conv.input.append(bias)
    return w, b


def affine_step(node, values):
    """(scale, shift) when node is Mul or Add of its data input by a scalar constant."""
    if node.op_type not in ("Mul", "Add") or len(node.input) != 2:
        return None, None
    for k in (0, 1):
        v = scalar(values, node.input[k])
        if v is not None and node.input[1 - k] not in values:
            data = node.input[1 - k]
            return data, ((v, 0.0) if node.op_type == "Mul" else (1.0, v))
    return None, None


def fold_affine_after_convs(graph):
    """Conv -> Mul s -> Add c (each the only reader of the one before):
    weights * s, bias * s + c."""
    changed = True
    while changed:
        changed = False
        values = initializer_values(graph)
        users = consumers(graph)
        for conv in graph.node:
            if conv.op_type != "Conv" or conv.input[1] not in values:
                continue
            readers = users.get(conv.output[0], [])
            if len(readers) != 1 or conv.output[0] in {o.name for o in graph.output}:
                continue
            step = readers[0]
            data, affine = affine_step(step, values)
            if data != conv.output[0]:
                continue
            s_, c_ = affine
            w, b = own_weights(graph, conv, values, users)
            replace_initializer(graph, conv.input[1], w * s_)
            replace_initializer(graph, conv.input[2], b * s_ + c_)
            conv.output[0] = step.output[0]
            graph.node.remove(step)
            changed = True
            break


def fold_affine_before_convs(graph):
    """Mul s -> Add c -> (only reader) 1x1 Conv: weights * s, bias + c * sum(weights);
    -> 5x5 depthwise Conv: in_scale / in_shift attributes for the custom op."""
    changed = True
    while changed:
        changed = False
        values = initializer_values(graph)
        users = consumers(graph)
        for step in list(graph.node):
            data, affine = affine_step(step, values)
            if data is None:
                continue
            readers = users.get(step.output[0], [])
            if len(readers) != 1 or readers[0].op_type != "Conv" or readers[0].input[0] != step.output[0]:
                continue
            conv = readers[0]
            if conv.input[1] not in values:
                continue
            s_, c_ = affine
            kernel = list(attribute(conv, "kernel_shape", []))
            pads = list(attribute(conv, "pads", [0, 0, 0, 0]))
            if kernel == [1, 1] and pads == [0, 0, 0, 0]:
                w, b = own_weights(graph, conv, values, users)
                replace_initializer(graph, conv.input[1], w * s_)
                replace_initializer(graph, conv.input[2], b + c_ * w.reshape(w.shape[0], -1).sum(axis=1))
            elif is_depthwise5x5(conv, values):
                old_s = attribute(conv, "in_scale", 1.0)
                old_c = attribute(conv, "in_shift", 0.0)
                # The conv already scales its input: (x * s + c) * old_s + old_c.
                for a in [a for a in conv.attribute if a.name in ("in_scale", "in_shift")]:
                    conv.attribute.remove(a)
                conv.attribute.extend([helper.make_attribute("in_scale", s_ * old_s),
                                       helper.make_attribute("in_shift", c_ * old_s + old_c)])
            else:
                continue
            conv.input[0] = data
            graph.node.remove(step)
            changed = True
            break


def is_depthwise5x5(node, values):
    w = values.get(node.input[1])
    return (w is not None and w.ndim == 4 and w.shape[1] == 1 and w.shape[2:] == (5, 5)
            and attribute(node, "group", 1) == w.shape[0] and list(attribute(node, "dilations", [1, 1])) == [1, 1]
            and list(attribute(node, "pads", [0, 0, 0, 0])) == [2, 2, 2, 2])


def fold_for_speed(model, custom_ops):
    fold_affine_after_convs(model.graph)
    if custom_ops:
        fold_affine_before_convs(model.graph)
    else:
        # OpenCV's own depthwise convolution has no input affine: fold only into 1x1.
        graph = model.graph
        values = initializer_values(graph)
        for node in graph.node:
            if node.op_type == "Conv" and is_depthwise5x5(node, values):
                node.op_type = "ConvKeep"
        fold_affine_before_convs(graph)
        for node in graph.node:
            if node.op_type == "ConvKeep":
                node.op_type = "Conv"
    flush_denormals(model.graph)


def flush_denormals(graph):
    tiny = np.finfo(np.float32).tiny
    for init in graph.initializer:
        a = numpy_helper.to_array(init)
        if a.dtype == np.float32 and np.any((a != 0) & (np.abs(a) < tiny)):
            a = np.where(np.abs(a) < tiny, np.float32(0), a)
            init.CopyFrom(numpy_helper.from_array(a, init.name))


def with_width(model, width):
    """A copy of the recogniser with input [1, 3, 48, width] and inferred shapes."""
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    dims = probe.graph.input[0].type.tensor_type.shape.dim
    for dim, value in zip(dims, (1, 3, REC_HEIGHT, width)):
        dim.Clear()
        dim.dim_value = value
    inferred = shape_inference.infer_shapes(probe)
    shapes = {}
    for info in list(inferred.graph.value_info) + list(inferred.graph.input) + list(inferred.graph.output):
        dims = info.type.tensor_type.shape.dim
        if dims and all(d.HasField("dim_value") for d in dims):
            shapes[info.name] = [d.dim_value for d in dims]
    return shapes


def evaluate_shape_expr(name, producers, values, shapes):
    """Evaluates the small Shape/Cast/Slice/Concat subgraph that computes a
    Reshape's target, given the tensor shapes of one probe width."""
    if name in values:
        return np.asarray(values[name]).astype(np.int64)
    node = producers.get(name)
    if node is None:
        fail("cannot evaluate shape tensor %s" % name)
    args = lambda: [evaluate_shape_expr(i, producers, values, shapes) for i in node.input]
    if node.op_type == "Shape":
        if node.input[0] not in shapes:
            return None
        return np.asarray(shapes[node.input[0]], dtype=np.int64)
    if node.op_type == "Cast":
        inner = args()[0]
        return None if inner is None else inner.astype(np.int64)
    if node.op_type == "Slice":
        inner = evaluate_shape_expr(node.input[0], producers, values, shapes)
        if inner is None or len(node.input) > 1:
            return None
        starts, ends = attribute(node, "starts"), attribute(node, "ends")
        axes = attribute(node, "axes", [0])
        if list(axes) != [0]:
            fail("unexpected Slice axes in shape subgraph: %s" % node.name)
        return inner[starts[0]:ends[0]]
    if node.op_type == "Concat":
        parts = args()
        return None if any(p is None for p in parts) else np.concatenate(parts)
    fail("unexpected %s in a shape subgraph (%s)" % (node.op_type, node.name))


def merge_probes(a, b, what):
    """Two concrete shapes (one per probe width) -> one target with -1 where they differ."""
    if len(a) != len(b):
        fail("%s: rank changes with the line width" % what)
    merged = [int(x) if x == y else -1 for x, y in zip(a, b)]
    if merged.count(-1) > 1:
        fail("%s: more than one dimension follows the line width" % what)
    return np.asarray(merged, dtype=np.int64)


def constant_reshape_targets(model):
    """Gives every Reshape a constant target. One at a time, in graph order:
    each resolved Reshape lets shape inference see further down the graph."""
    graph = model.graph
    while True:
        values = initializer_values(graph)
        pending = [n for n in graph.node if n.op_type == "Reshape" and n.input[1] not in values]
        if not pending:
            return
        producers = {o: n for n in graph.node for o in n.output}
        probes = [with_width(model, w) for w in PROBE_WIDTHS]
        progress = False
        for node in pending:
            targets = [evaluate_shape_expr(node.input[1], producers, values, s) for s in probes]
            if any(t is None for t in targets):
                continue
            name = node.output[0] + ".target"
            graph.initializer.append(numpy_helper.from_array(merge_probes(*targets, node.name), name))
            node.input[1] = name
            progress = True
            break
        if not progress:
            fail("cannot resolve the target shape of %s" % pending[0].name)


def squeeze_to_reshape(model):
    graph = model.graph
    probes = [with_width(model, w) for w in PROBE_WIDTHS]
    for node in graph.node:
        if node.op_type != "Squeeze":
            continue
        out = node.output[0]
        if any(out not in p for p in probes):
            fail("no inferred shape for %s" % out)
        name = out + ".target"
        graph.initializer.append(numpy_helper.from_array(merge_probes(probes[0][out], probes[1][out], node.name), name))
        node.op_type = "Reshape"
        del node.attribute[:]
        node.input.append(name)


def reduce_mean_to_matmul(model):
    """ReduceMean over the last axis (keepdims) -> MatMul with a column of 1/n."""
    graph = model.graph
    probes = with_width(model, PROBE_WIDTHS[0])
    for node in graph.node:
        if node.op_type != "ReduceMean":
            continue
        shape = probes.get(node.input[0])
        axes = list(attribute(node, "axes", []))
        if shape is None or attribute(node, "keepdims", 1) != 1 or axes not in ([-1], [len(shape) - 1]):
            fail("unexpected ReduceMean %s" % node.name)
        n = shape[-1]
        name = node.output[0] + ".mean"
        graph.initializer.append(numpy_helper.from_array(np.full((n, 1), 1.0 / n, dtype=np.float32), name))
        node.op_type = "MatMul"
        del node.attribute[:]
        node.input.append(name)


def scale_by_vector_to_matmul(graph):
    """Mul(x, w) with a 1-D constant w of n > 1 values (broadcast along the last
    axis) -> MatMul(x, diag(w)): the same products, plus exact zeros."""
    values = initializer_values(graph)
    for node in graph.node:
        if node.op_type != "Mul":
            continue
        for k, name in enumerate(node.input):
            w = values.get(name)
            if w is None or w.ndim != 1 or w.size < 2:
                continue
            other = node.input[1 - k]
            diag = node.output[0] + ".diag"
            graph.initializer.append(numpy_helper.from_array(np.diag(w).astype(np.float32), diag))
            node.op_type = "MatMul"
            del node.input[:]
            node.input.extend([other, diag])
            break


def drop_final_softmax(graph):
    """The recogniser's last node is Softmax over the classes: output its input."""
    out = graph.output[0]
    last = [n for n in graph.node if out.name in n.output]
    if len(last) != 1 or last[0].op_type != "Softmax":
        fail("recogniser: the output is not produced by a Softmax")
    logits = last[0].input[0]
    graph.node.remove(last[0])
    out.name = logits


def concrete_input(model, width):
    dims = model.graph.input[0].type.tensor_type.shape.dim
    for dim, value in zip(dims, (1, 3, REC_HEIGHT, width)):
        dim.Clear()
        dim.dim_value = value


def remove_dead_nodes(graph):
    """Drops nodes (the old shape arithmetic) and initializers nothing reads."""
    while True:
        used = {i for n in graph.node for i in n.input} | {o.name for o in graph.output}
        dead = [n for n in graph.node if not any(o in used for o in n.output)]
        if not dead:
            break
        for n in dead:
            graph.node.remove(n)
    used = {i for n in graph.node for i in n.input}
    unused = [init for init in graph.initializer if init.name not in used]
    for init in unused:
        graph.initializer.remove(init)


def rewrite_detector(path_in, path_out, custom_ops):
    model = onnx.load(path_in)
    constants_to_initializers(model.graph)
    clip_inputs_to_attributes(model.graph)
    fold_for_speed(model, custom_ops)
    if custom_ops and depthwise_to_custom_op(model) == 0:
        fail("detector: no 5x5 depthwise convolutions found; is this PP-OCRv4?")
    if custom_ops and transposed_to_custom_op(model) == 0:
        fail("detector: no ConvTranspose found; is this PP-OCRv4?")
    remove_dead_nodes(model.graph)
    onnx.save(model, path_out)


def rewrite_recognizer(path_in, path_out, custom_ops):
    model = onnx.load(path_in)
    constants_to_initializers(model.graph)
    constant_reshape_targets(model)
    squeeze_to_reshape(model)
    reduce_mean_to_matmul(model)
    scale_by_vector_to_matmul(model.graph)
    drop_final_softmax(model.graph)
    fold_for_speed(model, custom_ops)
    remove_dead_nodes(model.graph)
    for node in model.graph.node:
        if node.op_type in ("Shape", "Squeeze", "ReduceMean"):
            fail("recogniser: %s %s left after the rewrite" % (node.op_type, node.name))
    if custom_ops and depthwise_to_custom_op(model) == 0:
        fail("recogniser: no 5x5 depthwise convolutions found; is this PP-OCRv4?")
    concrete_input(model, PROBE_WIDTHS[0])
    onnx.save(model, path_out)


def main(argv):
    args = argv[1:]
    custom_ops = "--no-custom-ops" not in args
    args = [a for a in args if a != "--no-custom-ops"]
    if len(args) != 4:
        fail("usage: rewrite_onnx.py [--no-custom-ops] DET_IN REC_IN DET_OUT REC_OUT")
    rewrite_detector(args[0], args[2], custom_ops)
    rewrite_recognizer(args[1], args[3], custom_ops)


if __name__ == "__main__":
    main(sys.argv)

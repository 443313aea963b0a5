"""Text-format files written by real TensorFlow, with the binary form of the same message.

Writes into test/fixtures/tf-generated/textformat/tf<version>/ (small files, committed):
  builder/saved_model.pbtxt   SavedModelBuilder.save(as_text=True) of a TF1 graph (y = a*x + b)
  builder/saved_model.pb      the same SavedModel, binary (parsed back from the text)
  tf2/saved_model.pb          tf.saved_model.save of a tiny tf.Module
  tf2/str.pbtxt               str() of that SavedModel (what the Builder would write for it)
  tf2/message_to_string.pbtxt text_format.MessageToString of it
  meta_graph/model.meta       tf.compat.v1.train.export_meta_graph(as_text=True)
  meta_graph/model.meta.pb    the MetaGraphDef it returned, binary
  graph/graph.pbtxt           tf.io.write_graph(as_text=True) of a GraphDef with float constants
  graph/graph.pb              that GraphDef, binary
  checkpoint_v1/checkpoint    checkpoint state file of tf.compat.v1.train.Saver (3 saves, keep 2)
  checkpoint_v2/checkpoint    checkpoint state file of tf.train.CheckpointManager (3 saves, keep 2)
  manifest.json               message type and writer of each text file

Run with a TensorFlow venv: <venv>/bin/python interop/gen/textformat_tf.py
"""
import json
import os
import shutil
import sys

os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')

import google.protobuf  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from google.protobuf import text_format  # noqa: E402
from tensorflow.core.framework import graph_pb2  # noqa: E402
from tensorflow.core.protobuf import meta_graph_pb2, saved_model_pb2  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
OUT = os.path.join(ROOT, 'test', 'fixtures', 'tf-generated', 'textformat', 'tf' + tf.__version__)
WORK = '/tmp/savedmodel-textformat-gen'

shutil.rmtree(OUT, ignore_errors=True)
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(OUT)
os.makedirs(WORK)
manifest = []


def out(rel, data):
  path = os.path.join(OUT, rel)
  os.makedirs(os.path.dirname(path), exist_ok=True)
  with open(path, 'wb') as f:
    f.write(data if isinstance(data, bytes) else data.encode('utf-8'))


def record(text, binary, type_name, writer):
  manifest.append({'text': text, 'binary': binary, 'type': type_name, 'writer': writer})


def tf1_graph():
  """y = a*x + b with float32 and float64 constants that need many digits, in a fresh graph."""
  g = tf.Graph()
  with g.as_default():
    x = tf.compat.v1.placeholder(tf.float32, shape=[None], name='x')
    a = tf.compat.v1.Variable(0.1, name='a', dtype=tf.float32)
    b = tf.compat.v1.Variable(2.0, name='b', dtype=tf.float32)
    y = tf.add(tf.multiply(a, x), b, name='y')
    tf.constant([1e-7, 3.4e38, -0.0, 123456789.0, 1.5], dtype=tf.float32, name='floats')
    tf.constant([0.1, 1e16, 5e-324], dtype=tf.float64, name='doubles')
    tf.constant(['é', 'tab\t'], name='strings')
    tf.constant(1e-7, dtype=tf.float32, name='scalar_float')
    tf.constant(0.1, dtype=tf.float64, name='scalar_double')
    tf.constant(-2**63, dtype=tf.int64, name='scalar_int64')
  return g, x, y


# SavedModelBuilder.save(as_text=True).
g, x, y = tf1_graph()
with tf.compat.v1.Session(graph=g) as sess:
  sess.run(tf.compat.v1.global_variables_initializer())
  builder = tf.compat.v1.saved_model.Builder(os.path.join(WORK, 'builder'))
  sig = tf.compat.v1.saved_model.predict_signature_def({'x': x}, {'y': y})
  builder.add_meta_graph_and_variables(sess, ['serve'], signature_def_map={'serving_default': sig})
  builder.save(as_text=True)
with open(os.path.join(WORK, 'builder', 'saved_model.pbtxt'), 'rb') as f:
  pbtxt = f.read()
sm = saved_model_pb2.SavedModel()
text_format.Parse(pbtxt, sm)
out('builder/saved_model.pbtxt', pbtxt)
out('builder/saved_model.pb', sm.SerializeToString(deterministic=True))
record('builder/saved_model.pbtxt', 'builder/saved_model.pb', 'tensorflow.SavedModel', 'SavedModelBuilder.save(as_text=True): str()')


# tf.saved_model.save of a tiny module; its text via str() and MessageToString.
class Tiny(tf.Module):

  def __init__(self):
    super().__init__()
    self.w = tf.Variable([0.5, -1.25], name='w')

  @tf.function(input_signature=[tf.TensorSpec([None, 2], tf.float32, name='x')])
  def __call__(self, x):
    return {'y': tf.reduce_sum(x * self.w, axis=1) + 0.1}


tf.saved_model.save(Tiny(), os.path.join(WORK, 'tf2'))
with open(os.path.join(WORK, 'tf2', 'saved_model.pb'), 'rb') as f:
  pb = f.read()
sm = saved_model_pb2.SavedModel.FromString(pb)
out('tf2/saved_model.pb', pb)
out('tf2/str.pbtxt', str(sm))
out('tf2/message_to_string.pbtxt', text_format.MessageToString(sm))
record('tf2/str.pbtxt', 'tf2/saved_model.pb', 'tensorflow.SavedModel', 'str()')
record('tf2/message_to_string.pbtxt', 'tf2/saved_model.pb', 'tensorflow.SavedModel', 'text_format.MessageToString')

# export_meta_graph(as_text=True).
g, x, y = tf1_graph()
with g.as_default():
  meta = tf.compat.v1.train.export_meta_graph(filename=os.path.join(WORK, 'model.meta'), as_text=True)
with open(os.path.join(WORK, 'model.meta'), 'rb') as f:
  out('meta_graph/model.meta', f.read())
out('meta_graph/model.meta.pb', meta.SerializeToString(deterministic=True))
record('meta_graph/model.meta', 'meta_graph/model.meta.pb', 'tensorflow.MetaGraphDef', 'export_meta_graph(as_text=True)')

# tf.io.write_graph(as_text=True).
graph_def = g.as_graph_def()
tf.io.write_graph(graph_def, WORK, 'graph.pbtxt', as_text=True)
with open(os.path.join(WORK, 'graph.pbtxt'), 'rb') as f:
  out('graph/graph.pbtxt', f.read())
out('graph/graph.pb', graph_def.SerializeToString(deterministic=True))
record('graph/graph.pbtxt', 'graph/graph.pb', 'tensorflow.GraphDef', 'tf.io.write_graph(as_text=True)')

# Checkpoint state files.
g, x, y = tf1_graph()
with tf.compat.v1.Session(graph=g) as sess:
  sess.run(tf.compat.v1.global_variables_initializer())
  saver = tf.compat.v1.train.Saver(g.get_collection(tf.compat.v1.GraphKeys.GLOBAL_VARIABLES), max_to_keep=2)
  for step in range(3):
    saver.save(sess, os.path.join(WORK, 'ckpt1', 'model.ckpt'), global_step=step, write_meta_graph=False)
with open(os.path.join(WORK, 'ckpt1', 'checkpoint'), 'rb') as f:
  out('checkpoint_v1/checkpoint', f.read())
record('checkpoint_v1/checkpoint', None, 'tensorflow.CheckpointState', 'tf.compat.v1.train.Saver: text_format.MessageToString')

ckpt = tf.train.Checkpoint(v=tf.Variable(np.float32(1.0)))
manager = tf.train.CheckpointManager(ckpt, os.path.join(WORK, 'ckpt2'), max_to_keep=2)
for _ in range(3):
  manager.save()
with open(os.path.join(WORK, 'ckpt2', 'checkpoint'), 'rb') as f:
  out('checkpoint_v2/checkpoint', f.read())
record('checkpoint_v2/checkpoint', None, 'tensorflow.CheckpointState', 'tf.train.CheckpointManager: text_format.MessageToString')

with open(os.path.join(OUT, 'manifest.json'), 'w') as f:
  json.dump({'generator': 'interop/gen/textformat_tf.py', 'tensorflow': tf.__version__,
             'protobuf': google.protobuf.__version__, 'python': sys.version.split()[0],
             'files': manifest}, f, indent=1)
  f.write('\n')
shutil.rmtree(WORK, ignore_errors=True)
print('wrote %d text files to %s' % (len(manifest), os.path.relpath(OUT, ROOT)))

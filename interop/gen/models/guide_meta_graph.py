"""Guide, GraphDef and MetaGraphDef: Saver.export_meta_graph (text) + Saver checkpoint, then the
import_meta_graph + restore story and the wrap_function + prune story (both give 15.0).

Also writes the same meta graph in binary form (multiply.meta) so it can be decoded without a
text-format parser.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

tf1 = tf.compat.v1

out = common.out_dir()
os.chdir(out)

# --- guide snippet (verbatim) ---
# Save a simple multiplication computation:
with tf.Graph().as_default() as g:
  x = tf1.placeholder(tf.float32, shape=[], name='x')
  v = tf.Variable(3.0, name='v')
  y = tf.multiply(x, v, name='y')
  with tf1.Session() as sess:
    sess.run(v.initializer)
    print(sess.run(y, feed_dict={x: 5}))
    s = tf1.train.Saver()
    s.export_meta_graph('multiply.pb', as_text=True)
    s.save(sess, 'multiply_values.ckpt')
# --- end of snippet ---
    s.export_meta_graph('multiply.meta', as_text=False)

# --- guide snippet: import_meta_graph + restore ---
with tf.Graph().as_default() as g:
  meta = tf1.train.import_meta_graph('multiply.pb')
  x = g.get_tensor_by_name('x:0')
  y = g.get_tensor_by_name('y:0')
  with tf1.Session() as sess:
    meta.restore(sess, 'multiply_values.ckpt')
    import_result = sess.run(y, feed_dict={x: 5})
common.assert_close(import_result, 15.0, what='import_meta_graph')

# --- guide snippet: wrap_function + prune ---
def import_multiply():
  # Any graph-building code is allowed here.
  tf1.train.import_meta_graph('multiply.pb')

# Creates a tf.function with all the imported elements in the function graph.
wrapped_import = tf1.wrap_function(import_multiply, [])
import_graph = wrapped_import.graph
x = import_graph.get_tensor_by_name('x:0')
y = import_graph.get_tensor_by_name('y:0')

# Restore the variable values.
tf1.train.Saver(wrapped_import.variables).restore(
    sess=None, save_path='multiply_values.ckpt')

# Create a concrete function by pruning the wrap_function (similar to sess.run).
multiply_fn = wrapped_import.prune(feeds=x, fetches=y)

# Run this function
wrapped_result = multiply_fn(tf.constant(5.))  # inputs to concrete functions must be Tensors.
# --- end of snippet ---
common.assert_close(wrapped_result.numpy(), 15.0, what='wrap_function')

common.write_golden(out, {
    'model': 'guide_meta_graph',
    'kind': 'meta_graph',
    'source': 'guide "Migrate the SavedModel workflow", GraphDef and MetaGraphDef',
    'rtol': 1e-5,
    'meta_graph_text': 'multiply.pb',
    'meta_graph_binary': 'multiply.meta',
    'checkpoint_state': 'checkpoint',
    'graph_calls': [
        {'story': 'import_meta_graph + Saver.restore + Session.run', 'feeds': {'x:0': common.tensor_json(tf.constant(5.0))},
         'fetches': {'y:0': common.tensor_json(tf.constant(import_result))}},
        {'story': 'wrap_function + prune', 'feeds': {'x:0': common.tensor_json(tf.constant(5.0))},
         'fetches': {'y:0': common.tensor_json(wrapped_result)}},
    ],
    'checkpoints': [common.checkpoint_json(os.path.join(out, 'multiply_values.ckpt'), 'multiply_values.ckpt')],
})

"""Guide, TF1 step 2: tf.compat.v1.saved_model.simple_save of add_two (as written in the guide)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

tf1 = tf.compat.v1


def add_two(input):
    return input + 2


out = common.out_dir()
common.workdir()

# --- guide snippet (verbatim) ---
with tf.Graph().as_default() as g:
  with tf1.Session() as sess:
    input = tf1.placeholder(tf.float32, shape=[])
    output = add_two(input)
    print("add_two output: ", sess.run(output, {input: 3.}))

    tf1.saved_model.simple_save(
        sess, 'simple-save',
        inputs={'input': input},
        outputs={'output': output})
# --- end of snippet ---

common.move_into('simple-save', out)
got = common.session_run(out, 'serving_default', {'input': 5.0})['output']
common.assert_close(got, 7.0, what='session.run')
common.golden_for_saved_model(
    out, model='guide_simple_save', rtol=1e-5,
    source='guide "Migrate the SavedModel workflow", TF1: simple_save',
    inputs_by_signature={'serving_default': [{'input': tf.constant(5.0)}, {'input': tf.constant(10.0)}]})

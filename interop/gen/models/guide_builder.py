"""Guide, TF1 step 1: save add_two with tf.compat.v1.saved_model.Builder (as written in the guide)."""
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
    print("add two output: ", sess.run(output, {input: 3.}))

    # Save with SavedModelBuilder
    builder = tf1.saved_model.Builder('saved-model-builder')
    sig_def = tf1.saved_model.predict_signature_def(
        inputs={'input': input},
        outputs={'output': output})
    builder.add_meta_graph_and_variables(
        sess, tags=["serve"], signature_def_map={
            tf.saved_model.DEFAULT_SERVING_SIGNATURE_DEF_KEY: sig_def
    })
    builder.save()
# --- end of snippet ---

common.move_into('saved-model-builder', out)
# the guide's load_tf1: session.run by the signature's tensor names
for x, want in ((5.0, 7.0), (3.0, 5.0), (10.0, 12.0)):
    got = common.session_run(out, 'serving_default', {'input': x})['output']
    common.assert_close(got, want, what='session.run')
common.golden_for_saved_model(
    out, model='guide_builder', rtol=1e-5,
    source='guide "Migrate the SavedModel workflow", TF1: SavedModelBuilder',
    inputs_by_signature={'serving_default': [{'input': tf.constant(5.0)}, {'input': tf.constant(10.0)},
                                             {'input': tf.constant(-2.5)}]})

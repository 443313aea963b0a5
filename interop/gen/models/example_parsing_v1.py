"""Zoo: TF1 classify / regress / predict signatures on serialized tf.Example protos (ParseExample),
exported with SavedModelBuilder, like TF Serving's half_plus_two."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

tf1 = tf.compat.v1
out = common.out_dir()
common.workdir()


def example(x, x2=None, word=None):
    f = {'x': tf.train.Feature(float_list=tf.train.FloatList(value=[x]))}
    if x2 is not None:
        f['x2'] = tf.train.Feature(float_list=tf.train.FloatList(value=[x2]))
    if word is not None:
        f['word'] = tf.train.Feature(bytes_list=tf.train.BytesList(value=[word.encode()]))
    return tf.train.Example(features=tf.train.Features(feature=f)).SerializeToString(deterministic=True)  # sorted map keys: stable bytes


with tf.Graph().as_default():
    serialized = tf1.placeholder(tf.string, [None], name='tf_example')
    feats = tf1.io.parse_example(serialized, {
        'x': tf1.io.FixedLenFeature([1], tf.float32),
        'x2': tf1.io.FixedLenFeature([1], tf.float32, default_value=[0.0]),
        'word': tf1.io.FixedLenFeature([], tf.string, default_value='none')})
    a = tf1.Variable(0.5, name='a')
    b = tf1.Variable(2.0, name='b')
    y = tf.add(a * feats['x'], b, name='y')
    y2 = tf.add(a * feats['x2'], 3.0, name='y2')
    classes = tf.reshape(tf.where(y > 3.0, tf.fill(tf.shape(y), 'big'), tf.fill(tf.shape(y), 'small')), [-1, 1],
                         name='classes')
    scores = tf.identity(tf.sigmoid(y), name='scores')
    word = tf.identity(feats['word'], name='word')
    x_in = tf1.placeholder(tf.float32, [None, 1], name='x')
    y_pred = tf.add(a * x_in, b, name='y_pred')
    with tf1.Session() as sess:
        sess.run(tf1.global_variables_initializer())
        sdu = tf1.saved_model.signature_def_utils
        sigs = {
            'serving_default': tf1.saved_model.predict_signature_def({'x': x_in}, {'y': y_pred}),
            'classify_x_to_y': tf1.saved_model.classification_signature_def(serialized, classes, scores),
            'regress_x_to_y': tf1.saved_model.regression_signature_def(serialized, y),
            'regress_x2_to_y2': tf1.saved_model.regression_signature_def(serialized, y2),
            'predict_word': tf1.saved_model.predict_signature_def({'examples': serialized}, {'word': word, 'y': y}),
        }
        builder = tf1.saved_model.Builder('export')
        builder.add_meta_graph_and_variables(sess, ['serve'], signature_def_map=sigs)
        builder.save()

common.move_into('export', out)
examples = tf.constant([example(1.0), example(4.0, x2=2.0, word='hello'), example(-6.0, x2=-1.0)])
common.golden_for_saved_model(
    out, model='example_parsing_v1', rtol=1e-5, source='zoo: tf.Example-parsing classify/regress signatures (TF1 Builder)',
    inputs_by_signature={
        'serving_default': [{'x': tf.constant([[1.0], [4.0]])}],
        'classify_x_to_y': [{'inputs': examples}],
        'regress_x_to_y': [{'inputs': examples}],
        'regress_x2_to_y2': [{'inputs': examples}],
        'predict_word': [{'examples': examples}]})

"""Zoo / guide's TF Serving notes: a TF2 module whose signatures parse tf.Example, saved with
tf.saved_model.save, then given classify / regress method names with MethodNameUpdater."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

out = common.out_dir()
SPEC = {'x': tf.io.FixedLenFeature([1], tf.float32)}


class Serving(tf.Module):
    def __init__(self):
        super().__init__()
        self.a = tf.Variable(0.5)
        self.b = tf.Variable(2.0)

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name='inputs')])
    def classify(self, inputs):
        y = self.a * tf.io.parse_example(inputs, SPEC)['x'] + self.b
        return {'classes': tf.where(y > 3.0, 'big', 'small'), 'scores': y}

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name='inputs')])
    def regress(self, inputs):
        return {'outputs': self.a * tf.io.parse_example(inputs, SPEC)['x'] + self.b}


m = Serving()
tf.saved_model.save(m, out, signatures={'classify_x_to_y': m.classify, 'regress_x_to_y': m.regress})
sdu = tf.compat.v1.saved_model.signature_def_utils
updater = sdu.MethodNameUpdater(out)
updater.replace_method_name(signature_key='classify_x_to_y', method_name='tensorflow/serving/classify', tags='serve')
updater.replace_method_name(signature_key='regress_x_to_y', method_name='tensorflow/serving/regress', tags='serve')
updater.save()


def example(x):
    return tf.train.Example(features=tf.train.Features(feature={
        'x': tf.train.Feature(float_list=tf.train.FloatList(value=[x]))})).SerializeToString(deterministic=True)  # sorted map keys: stable bytes


examples = tf.constant([example(1.0), example(4.0), example(-2.0)])
common.golden_for_saved_model(
    out, model='method_name_updater', rtol=1e-5,
    source='guide "Migrate the SavedModel workflow", TF Serving notes: MethodNameUpdater on a TF2 export',
    inputs_by_signature={'classify_x_to_y': [{'inputs': examples}], 'regress_x_to_y': [{'inputs': examples}]})

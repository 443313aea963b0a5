"""Zoo: a vocabulary file as a tf.saved_model.Asset feeding StaticHashTables (string -> int64 ids
and back), tf.Module + tf.saved_model.save."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

out = common.out_dir()
work = common.workdir()
VOCAB = ['<unk>', 'the', 'cat', 'sat', 'on', 'mat', 'Grüße']
with open('vocab.txt', 'w', encoding='utf-8') as f:
    f.write('\n'.join(VOCAB) + '\n')


class Vocab(tf.Module):
    def __init__(self, path):
        super().__init__()
        self.vocab = tf.saved_model.Asset(path)
        init = tf.lookup.TextFileInitializer(self.vocab, tf.string, tf.lookup.TextFileIndex.WHOLE_LINE,
                                             tf.int64, tf.lookup.TextFileIndex.LINE_NUMBER)
        self.table = tf.lookup.StaticHashTable(init, default_value=-1)
        self.words = tf.lookup.StaticHashTable(
            tf.lookup.KeyValueTensorInitializer(tf.range(len(VOCAB), dtype=tf.int64), tf.constant(VOCAB)),
            default_value='<missing>')

    @tf.function(input_signature=[tf.TensorSpec([None], tf.string, name='tokens')])
    def lookup(self, tokens):
        return {'ids': self.table.lookup(tokens), 'size': self.table.size()}

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int64, name='ids')])
    def to_words(self, ids):
        return {'words': self.words.lookup(ids)}


m = Vocab('vocab.txt')  # relative to the scratch dir: no temporary path inside saved_model.pb
tf.saved_model.save(m, out, signatures={'serving_default': m.lookup, 'to_words': m.to_words})
loaded = tf.saved_model.load(out)
common.golden_for_saved_model(
    out, model='vocab_asset', rtol=0, source='zoo: vocabulary asset with a StaticHashTable lookup',
    inputs_by_signature={'serving_default': [{'tokens': tf.constant(['the', 'cat', 'dog', 'Grüße', ''])}],
                         'to_words': [{'ids': tf.constant([2, 0, 6, 99], tf.int64)}]},
    functions=[common.function_call(loaded, 'lookup', tf.constant(['mat', 'sat']))],
    extra={'assets': sorted(os.listdir(os.path.join(out, 'assets')))})

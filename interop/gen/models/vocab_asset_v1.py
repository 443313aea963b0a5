"""Zoo: the TF1 way of a vocabulary asset: a graph with a text-file lookup table, exported by
SavedModelBuilder with the ASSET_FILEPATHS collection and tables_initializer as main_op."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf  # noqa: E402

tf1 = tf.compat.v1
out = common.out_dir()
work = common.workdir()
with open('vocab.txt', 'w', encoding='utf-8') as f:
    f.write('\n'.join(['zero', 'one', 'two', 'three']) + '\n')

with tf.Graph().as_default() as g:
    vocab_path = tf.constant('vocab.txt', name='vocab_path')  # relative: no temporary path in the graph
    tf1.add_to_collection(tf1.GraphKeys.ASSET_FILEPATHS, vocab_path)
    table = tf1.lookup.StaticHashTable(
        tf1.lookup.TextFileInitializer(vocab_path, tf.string, tf1.lookup.TextFileIndex.WHOLE_LINE,
                                       tf.int64, tf1.lookup.TextFileIndex.LINE_NUMBER), -1)
    words = tf1.placeholder(tf.string, [None], name='words')
    ids = tf.identity(table.lookup(words), name='ids')
    offset = tf1.Variable(tf.constant(10, tf.int64), name='offset')
    shifted = tf.add(ids, offset, name='shifted')
    with tf1.Session() as sess:
        sess.run([tf1.global_variables_initializer(), tf1.tables_initializer()])
        b = tf1.saved_model.Builder('export')
        sig = tf1.saved_model.predict_signature_def({'words': words}, {'ids': ids, 'shifted': shifted})
        b.add_meta_graph_and_variables(sess, ['serve'], signature_def_map={'serving_default': sig},
                                       assets_collection=tf1.get_collection(tf1.GraphKeys.ASSET_FILEPATHS),
                                       main_op=tf1.tables_initializer())
        b.save()

common.move_into('export', out)
got = common.session_run(out, 'serving_default', {'words': ['two', 'nine']})
common.assert_close(got['ids'], [2, -1], what='session.run ids')
common.golden_for_saved_model(
    out, model='vocab_asset_v1', rtol=0, source='zoo: TF1 Builder with an asset collection and a table main_op',
    inputs_by_signature={'serving_default': [{'words': tf.constant(['three', 'zero', 'seven'])}]},
    extra={'assets': sorted(os.listdir(os.path.join(out, 'assets')))})

"""Zoo: checkpoints with several data shards.

- the SavedModel here is a TF1 SavedModelBuilder export whose variables sit on three (logical)
  CPU devices, exported with clear_devices=False: the Builder's sharded Saver writes
  variables/variables.data-0000{0,1,2}-of-00003;
- `tf1_saver/model.ckpt`: tf.compat.v1.train.Saver(sharded=True) over the same kind of graph;
- `tf2_policy/ckpt` (TensorFlow >= 2.16 only): tf.train.Checkpoint written with
  CheckpointOptions(experimental_sharding_callback=MaxShardSizePolicy(...)), which splits
  variables across shards (and large ones into slices).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import common  # noqa: E402
from common import tf, np  # noqa: E402

tf1 = tf.compat.v1
out = common.out_dir()
work = common.workdir()
rs = np.random.RandomState(21)
config = tf1.ConfigProto(device_count={'CPU': 3})

with tf.Graph().as_default():
    x = tf1.placeholder(tf.float32, [None, 4], name='x')
    with tf.device('/cpu:0'):
        w0 = tf1.Variable(rs.normal(size=(4, 3)).astype(np.float32), name='w0')
    with tf.device('/cpu:1'):
        w1 = tf1.Variable(rs.normal(size=(3,)).astype(np.float32), name='w1')
        steps = tf1.Variable(tf.constant(7, tf.int64), name='steps')
    with tf.device('/cpu:2'):
        w2 = tf1.Variable(rs.normal(size=(3, 2)).astype(np.float32), name='w2')
        label = tf1.Variable(tf.constant(['left', 'right']), name='label')
    y = tf.matmul(tf.matmul(x, w0) + w1, w2, name='y')
    with tf1.Session(config=config) as sess:
        sess.run(tf1.global_variables_initializer())
        b = tf1.saved_model.Builder('export')
        sig = tf1.saved_model.predict_signature_def(
            {'x': x}, {'y': y, 'steps': tf.identity(steps), 'label': tf.identity(label)})
        b.add_meta_graph_and_variables(sess, ['serve'], signature_def_map={'serving_default': sig},
                                       clear_devices=False)
        b.save()
common.move_into('export', out)

# TF1: Saver(sharded=True) over variables on three devices
os.makedirs(os.path.join(out, 'tf1_saver'))
os.chdir(os.path.join(out, 'tf1_saver'))  # the `checkpoint` state file then holds a relative path
with tf.Graph().as_default():
    for i in range(3):
        with tf.device(f'/cpu:{i}'):
            tf1.Variable(np.arange(4 * (i + 1), dtype=np.float32).reshape(i + 1, 4) - i, name=f'part{i}')
    with tf1.Session(config=config) as sess:
        sess.run(tf1.global_variables_initializer())
        saved = os.path.abspath(tf1.train.Saver(sharded=True).save(sess, 'model.ckpt', write_meta_graph=False))

golden = common.golden_for_saved_model(
    out, model='sharded_checkpoint', rtol=1e-5, source='zoo: checkpoints with several data shards',
    inputs_by_signature={'serving_default': [{'x': common.rand((2, 4), 9)}]})
golden['checkpoints'].append(common.checkpoint_json(saved, os.path.relpath(saved, out)))

# TF2: a sharding policy (newer TensorFlow only)
policy = getattr(tf.train.experimental, 'MaxShardSizePolicy', None)
if policy is not None:
    ckpt = tf.train.Checkpoint(big=tf.Variable(rs.normal(size=(16, 8)).astype(np.float32)),
                               small=tf.Variable(np.arange(6, dtype=np.int32)),
                               name=tf.Variable('sharded'))
    p2 = ckpt.write(os.path.join(out, 'tf2_policy', 'ckpt'), options=tf.train.CheckpointOptions(
        experimental_sharding_callback=policy(max_shard_size=256)))
    golden['checkpoints'].append(common.checkpoint_json(p2, os.path.relpath(p2, out)))
else:
    golden['notes'] = f'tf.train.experimental.MaxShardSizePolicy does not exist in TensorFlow {tf.__version__}'
for c in golden['checkpoints']:
    if len(c['data_files']) < 2:
        raise SystemExit(f"expected several data shards for {c['prefix']}, got {c['data_files']}")
common.write_golden(out, {k: v for k, v in golden.items() if k not in ('tensorflow', 'keras')})

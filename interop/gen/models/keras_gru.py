"""Zoo: a Keras GRU layer with a Dense head (see interop/gen/keras_rnn.py)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import keras_rnn  # noqa: E402

keras_rnn.generate('gru')

"""strikewatch: news articles in, protest and strike events out."""

import os

# One BLAS thread per process: strikewatch's parallelism is its worker processes, and the models'
# matrix products are small (a paragraph's sentences), so BLAS threads only compete for the cores
# (natasha's Russian models ran 4x slower with them on a busy 2-core machine: bench/russian.py).
# Set before numpy loads; a value in the environment wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"

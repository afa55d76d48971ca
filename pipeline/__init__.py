"""Statecraft: tag foreign-policy articles (entities, dates, policy instruments) into SQLite."""

import os
from importlib.metadata import PackageNotFoundError, version

# One BLAS thread per process, unless the user says otherwise. spaCy's small CNN models
# multiply small matrices; OpenBLAS's threads only add synchronization there (measured
# on 2 cores: tagging 10-15% faster with one thread), and `--workers` already uses the
# cores. OpenBLAS reads this when numpy loads it, so it is set before anything imports
# numpy; Dask sets the same three for its workers.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

try:
    __version__ = version("statecraft-corpus")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0+unknown"

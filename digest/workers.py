"""The worker pool of the stages that run per file or per story (read, summarize).

Small inputs, or one worker, run in this process: starting processes would
cost more than they save.
"""

from __future__ import annotations

import contextlib
import gc
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: Below this many files, worker processes cost more than they save.
PARALLEL_MIN_FILES = 40


class Workers:
    """Maps a function over items, in worker processes or in this process, keeping the items' order."""

    def __init__(self, executor: ProcessPoolExecutor | None = None, count: int = 1) -> None:
        self._executor = executor
        self.count = count

    def map(self, function: Callable[[Item], Result], items: Sequence[Item]) -> list[Result]:
        if self._executor is None:
            return [function(item) for item in items]
        chunk = max(1, min(64, len(items) // (self.count * 8) or 1))
        return list(self._executor.map(function, items, chunksize=chunk))


@contextlib.contextmanager
def worker_pool(workers: int | None, files: int) -> Iterator[Workers]:
    """Worker processes for ``files`` files (``workers`` of them; None: the CPUs, at most 4).

    The workers are forked from this process and share its memory until they
    write to it. Freezing the garbage collector's view of the objects alive
    now keeps each worker's collector from touching (and so copying) them:
    about 50 MB less in the process tree with two workers.
    """
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if count <= 1 or files < PARALLEL_MIN_FILES:
        yield Workers()
        return
    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=count) as executor:
            yield Workers(executor, count)
    finally:
        gc.unfreeze()

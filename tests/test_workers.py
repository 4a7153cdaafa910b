"""The worker pool of the read and summarize stages: the same results in the same order, in or out of process."""

from __future__ import annotations

import os

from digest.workers import PARALLEL_MIN_FILES, worker_pool


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_small_inputs_run_in_this_process():
    with worker_pool(2, PARALLEL_MIN_FILES - 1) as pool:
        results = pool.map(_square_and_pid, list(range(5)))
    assert [r for r, _ in results] == [0, 1, 4, 9, 16]
    assert {pid for _, pid in results} == {os.getpid()}


def test_large_inputs_run_in_worker_processes_keeping_the_order():
    items = list(range(PARALLEL_MIN_FILES * 3))
    with worker_pool(2, len(items)) as pool:
        results = pool.map(_square_and_pid, items)
    assert [r for r, _ in results] == [n * n for n in items]
    assert os.getpid() not in {pid for _, pid in results}


def test_one_worker_means_this_process_whatever_the_size():
    with worker_pool(1, 10_000) as pool:
        assert {pid for _, pid in pool.map(_square_and_pid, [1, 2, 3])} == {os.getpid()}

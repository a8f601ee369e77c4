"""A tiny timing harness for the benchmarks: medians of repeated runs, and a result line."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


def median_seconds(work: Callable[[], object], repeats: int, warmup: int = 2) -> float:
    """The median wall time of `work` over `repeats` runs, after `warmup` untimed runs."""
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass(frozen=True)
class Result:
    name: str
    app: float
    baseline: float | None
    target: str
    passed: bool

    def line(self) -> str:
        if self.baseline is None:
            detail = f"app {self.app * 1000:.1f} ms"
        else:
            ratio = self.app / self.baseline
            detail = (
                f"app median {self.app * 1000:.2f} ms, baseline median "
                f"{self.baseline * 1000:.2f} ms, ratio {ratio:.2f}x"
            )
        return f"{'PASS' if self.passed else 'FAIL'}  {self.name}: {detail} (target {self.target})"

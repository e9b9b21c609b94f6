"""Running a build's manual jobs (:mod:`khumue.build.manualjob`): one after another with a given
engine, in threads that each drive a LibreOffice of their own, or in worker processes when
there is nothing to lay out."""

from __future__ import annotations

import gc
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from khumue.build.jobs import JobResult, ManualJob
from khumue.build.manualjob import run_job
from khumue.build.output import Staging
from khumue.build.progress import Progress
from khumue.errors import KhumueError
from khumue.layout.blockpages import page_index
from khumue.layout.engine import LayoutEngine, NoLayout, engine_for

PARALLEL_FROM = 8  # manuals: fewer are built in this process (starting workers costs ~1 s)
WORKERS = min(2, os.cpu_count() or 1)


def run_jobs(jobs: list[ManualJob], engine: LayoutEngine | None, pdf: bool, staging: Staging,
             reporter: Progress) -> list[JobResult]:
    """Build ``jobs``: with the engine given, one after another; else with LibreOffice, two
    office processes at once (one per core); without it, in two worker processes when there
    are enough manuals to pay for starting them."""
    stage = staging.path
    if isinstance(engine, NoLayout) and len(jobs) >= PARALLEL_FROM and WORKERS > 1:
        return _in_processes(jobs, staging, reporter)  # stateless: workers make their own
    if engine is not None:
        return [_done(run_job(job, engine, stage, reporter.stage), reporter) for job in jobs]
    chosen = engine_for(pdf)
    if isinstance(chosen, NoLayout):
        if chosen.note:
            reporter.message(chosen.note)
        if len(jobs) >= PARALLEL_FROM and WORKERS > 1:
            return _in_processes(jobs, staging, reporter)
        with chosen:
            return [_done(run_job(job, chosen, stage, reporter.stage), reporter) for job in jobs]
    engines = [chosen]
    if len(jobs) > 1 and WORKERS > 1:
        try:
            engines.append(type(chosen)())
        except KhumueError:
            pass  # one office process will do
    return _in_threads(jobs, engines, stage, reporter)


def _done(result: JobResult, reporter: Progress) -> JobResult:
    reporter.done(result.staff_id, result.name)
    return result


def _in_threads(jobs: list[ManualJob], engines: list[LayoutEngine],
                stage: Callable[[Path], Path], reporter: Progress) -> list[JobResult]:
    free: queue.SimpleQueue[LayoutEngine] = queue.SimpleQueue()
    for one in engines:
        free.put(one)
    lock = threading.Lock()

    def locked_stage(final: Path) -> Path:
        with lock:
            return stage(final)

    def work(job: ManualJob) -> JobResult:
        engine = free.get()
        try:
            return _done(run_job(job, engine, locked_stage, reporter.stage), reporter)
        finally:
            free.put(engine)

    try:
        with ThreadPoolExecutor(max_workers=len(engines)) as pool:
            return list(pool.map(work, jobs))
    finally:
        for one in engines:
            one.__exit__(None, None, None)


def _in_processes(jobs: list[ManualJob], staging: Staging,
                  reporter: Progress) -> list[JobResult]:
    folder = staging.scratch()
    results = []
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        futures = [pool.submit(_job_in_process, job, folder) for job in jobs]
        for future in futures:
            result = future.result()
            for final, staged in result.files.items():
                staging.adopt(staged, final)
            results.append(_done(result, reporter))
    return results


def _job_in_process(job: ManualJob, folder: Path) -> JobResult:
    """Run in a worker process: build one manual without layout into ``folder``; its
    typeset tree comes back as its page index only (a DOCX-only build does not publish)."""
    counter = iter(range(1_000_000))

    def stage(final: Path) -> Path:
        return folder / f"{job.entry.id}-{next(counter)}-{final.name}"

    with NoLayout() as engine:
        result = run_job(job, engine, stage)
    if result.doc is not None:  # the tree stays here: the parent keeps only its page index
        result.index, result.doc = page_index(result.doc), None
    _collect_garbage()
    return result


_frozen = False  # per worker process


def _collect_garbage() -> None:
    """A full collection after each manual, so a worker's memory stays that of one manual.

    Rendering leaves reference cycles (docxtpl compiles the template's XML into jinja2
    templates, and a jinja2 template refers to itself through its module), which hold MBs
    that Python's collector does not count, so without this they pile up until a rare full
    collection: 60 manuals took 1.5x the memory of 10.  After the first manual what is alive
    (modules, the office's content, caches) is frozen out of later collections, which then
    cost milliseconds (:func:`gc.freeze`); a worker ends with its build."""
    global _frozen
    gc.collect()
    if not _frozen:
        gc.freeze()
        _frozen = True

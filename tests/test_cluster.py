"""Extracting many plans: serially, and on a two-worker Dask LocalCluster (skipped without
dask.distributed), with the same results in the same order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cluster import CHUNK_BYTES, PLANS_PER_TASK, extract_many, extract_one, task_chunks
from tests.conftest import CORPUS, ROOT

PLANS = [
    CORPUS / "hangtai.txt",
    CORPUS / "missing.txt",
    CORPUS / "wusong.txt",
    CORPUS / "zhaoxiang.docx",
    CORPUS / "shicheng_hezhangzhi_kaohe.txt",
]


@pytest.fixture(scope="module")
def serial() -> list:
    return list(extract_many(PLANS))


def test_serial_results_come_in_input_order_with_errors_as_messages(serial: list) -> None:
    assert [path for path, _ in serial] == [str(p) for p in PLANS]
    assert serial[1][1] == f"{CORPUS / 'missing.txt'}: no such file"
    names = [None if isinstance(r, str) else r.jurisdiction.name for _, r in serial]
    assert names == ["桓台县", None, "吴淞街道", "赵巷镇", "石城县"]


def test_extract_one_returns_the_message_of_an_unreadable_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert extract_one(empty) == (str(empty), f"{empty}: file is empty")


def test_the_serial_mode_never_imports_dask() -> None:
    code = (
        "import sys\nfrom extractor.cluster import extract_many\n"
        "list(extract_many(['corpus/hangtai.txt']))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_an_existing_two_worker_cluster_gives_the_serial_results(serial: list) -> None:
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as cluster:
        results = list(extract_many(PLANS, scheduler=cluster.scheduler_address))
        with distributed.Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    assert results == serial


def test_jobs_start_a_local_cluster_of_worker_processes(serial: list) -> None:
    pytest.importorskip("dask.distributed")
    assert list(extract_many(PLANS, jobs=2)) == serial


def test_a_window_smaller_than_the_batch_keeps_the_order(
    serial: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.distributed")
    import extractor.cluster

    monkeypatch.setattr(extractor.cluster, "IN_FLIGHT_PER_WORKER", 1)  # 2 plans in flight
    assert list(extract_many(PLANS, jobs=2, processes=False)) == serial


def test_small_files_travel_in_chunks_and_large_ones_alone(tmp_path: Path) -> None:
    small = []
    for i in range(PLANS_PER_TASK + 2):
        path = tmp_path / f"small{i}.txt"
        path.write_bytes(b"x" * 1000)
        small.append(str(path))
    large = tmp_path / "large.pdf"
    large.write_bytes(b"x" * CHUNK_BYTES)
    paths = [*small, str(large), str(tmp_path / "missing.txt")]
    chunks = list(task_chunks(paths))
    # the missing file weighs nothing here and rides with the large one
    assert [len(c) for c in chunks] == [PLANS_PER_TASK, 2, 2]
    assert [p for c in chunks for p in c] == paths


def test_extract_on_a_scheduler_writes_what_a_serial_run_writes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    from extractor.cli import run_extract

    plans = [CORPUS / "hangtai.txt", CORPUS / "wusong.txt", CORPUS / "guojia_dujian_jili.txt"]
    serial, clustered = tmp_path / "serial", tmp_path / "clustered"
    run_extract(plans, f"{serial}/", jobs=1, quiet=True)
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as cluster:
        run_extract(plans, f"{clustered}/", scheduler=cluster.scheduler_address, quiet=True)
    names = sorted(p.name for p in serial.iterdir())
    assert names == ["guojia_dujian_jili.json", "hangtai.json", "wusong.json"]
    assert names == sorted(p.name for p in clustered.iterdir())
    for name in names:
        assert (serial / name).read_bytes() == (clustered / name).read_bytes()

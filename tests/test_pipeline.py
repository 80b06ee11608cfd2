"""The pipeline's own behaviour: the cycle collector paused around one extraction."""

from __future__ import annotations

import gc

import pytest

from extractor.pipeline import cycle_collector_paused, extract_file
from tests.conftest import CORPUS


@pytest.mark.parametrize("enabled", [True, False])
def test_the_cycle_collector_is_paused_and_restored_as_it_was(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        with cycle_collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError), cycle_collector_paused():
            raise ValueError("a failed extraction")
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_extracting_a_plan_leaves_the_collector_running() -> None:
    assert extract_file(CORPUS / "zhaoxiang.txt").title
    assert gc.isenabled()

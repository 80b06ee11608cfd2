"""pydantic's plugins turned off: no loader imported while all are off, pydantic's loader
otherwise, and the same validation either way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types

import pytest

from extractor import pydantic_plugins
from tests.conftest import ROOT

# builds and uses a validator after plugins_off(), then reports what was imported
PROBE = """
import json, os, sys
before = "importlib.metadata" in sys.modules
from extractor.pydantic_plugins import LOADER_MODULE, STAND_IN_MARK, plugins_off
plugins_off()
from pydantic import BaseModel
class Point(BaseModel):
    x: int
    tags: list[str] = []
point = Point.model_validate({"x": "3", "tags": ["a"]})
print(json.dumps({
    "dump": point.model_dump_json(),
    "switch": os.environ.get("PYDANTIC_DISABLE_PLUGINS"),
    "metadata_imported": "importlib.metadata" in sys.modules and not before,
    "stand_in": getattr(sys.modules.get(LOADER_MODULE), STAND_IN_MARK, False),
}))
"""


def probe(switch: str | None) -> dict:
    """What PROBE reports in a fresh interpreter with PYDANTIC_DISABLE_PLUGINS = `switch`."""
    env = {k: v for k, v in os.environ.items() if k != pydantic_plugins.PLUGINS_ENV}
    if switch is not None:
        env[pydantic_plugins.PLUGINS_ENV] = switch
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(result.stdout)


DUMP = '{"x":3,"tags":["a"]}'


@pytest.mark.parametrize("switch", [None, "__all__", "1", "true"])
def test_all_off_stands_in_for_the_loader_and_validates_the_same(switch: str | None) -> None:
    # this also checks that pydantic still imports its loader from LOADER_MODULE: were it
    # another module, that one would import importlib.metadata
    report = probe(switch)
    assert report == {
        "dump": DUMP,
        "switch": switch or "__all__",
        "metadata_imported": False,
        "stand_in": True,
    }


def test_some_plugins_off_leaves_the_loader_to_pydantic() -> None:
    report = probe("some_plugin,another")
    assert report["dump"] == DUMP and report["switch"] == "some_plugin,another"
    assert report["stand_in"] is False  # pydantic's own loader reads the names


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """The stand-in in sys.modules (pydantic's loader put back afterwards)."""
    pydantic_plugins.pydantic_loader()  # what monkeypatch puts back
    module = pydantic_plugins.stand_in_loader()
    monkeypatch.setitem(sys.modules, pydantic_plugins.LOADER_MODULE, module)
    return module


def test_the_stand_in_answers_no_plugins_as_the_loader_does(
    stand_in: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pydantic_plugins.PLUGINS_ENV, "__all__")
    assert tuple(stand_in.get_plugins()) == ()
    assert sys.modules[pydantic_plugins.LOADER_MODULE] is stand_in  # not imported for that
    assert tuple(pydantic_plugins.pydantic_loader().get_plugins()) == ()


def test_the_stand_in_hands_over_when_the_switch_changes(
    stand_in: types.ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(pydantic_plugins.PLUGINS_ENV, raising=False)
    plugins = list(stand_in.get_plugins())
    loader = sys.modules[pydantic_plugins.LOADER_MODULE]
    assert loader is not stand_in and hasattr(loader, "entry_points")  # pydantic's own
    assert plugins == list(loader.get_plugins())


def test_the_stand_in_gives_other_names_from_the_loader_but_no_special_ones(
    stand_in: types.ModuleType,
) -> None:
    assert stand_in.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"
    assert not hasattr(stand_in, "__path__")  # a module, not a package, to the import system

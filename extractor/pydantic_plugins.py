"""pydantic's plugins turned off for the command line, without importing their loader.

pydantic looks for plugins (a scan of every installed package's entry points) when it
builds its first validator, unless PYDANTIC_DISABLE_PLUGINS, its documented switch
(https://docs.pydantic.dev/latest/concepts/plugins/), turns them all off. Even then it
imports its loader, `pydantic.plugin._loader`, which imports `importlib.metadata` (with
`email`, `zipfile`, `csv`: about 9 ms of `extract`'s start-up) only to skip the scan.

`plugins_off()` turns the plugins off unless the environment already says which, and,
while all are off, puts a stand-in where pydantic imports its loader from: the stand-in
answers `get_plugins()` with no plugins, as the loader does while all are off; if the
switch is changed later it hands over to pydantic's own loader, imported then, as it does
for any other name. The stand-in names a private module of pydantic:
tests/test_pydantic_plugins.py checks that pydantic still imports its loader from there.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"
ALL_OFF = "__all__"  # the value that turns every plugin off (pydantic also reads 1, true)
ALL_OFF_VALUES = (ALL_OFF, "1", "true")
LOADER_MODULE = "pydantic.plugin._loader"
STAND_IN_MARK = "__extractor_stand_in__"  # set on the stand-in module, to tell it apart


def all_plugins_off() -> bool:
    """True when PYDANTIC_DISABLE_PLUGINS turns every plugin off."""
    return os.environ.get(PLUGINS_ENV) in ALL_OFF_VALUES


def pydantic_loader() -> types.ModuleType:
    """pydantic's own plugin loader, imported in the stand-in's place if need be."""
    module = sys.modules.get(LOADER_MODULE)
    if module is None or getattr(module, STAND_IN_MARK, False):
        sys.modules.pop(LOADER_MODULE, None)
        module = importlib.import_module(LOADER_MODULE)
    return module


def get_plugins() -> Iterable[Any]:
    """No plugins while all are off, as pydantic's loader answers; else the loader's answer."""
    if all_plugins_off():
        return ()
    return pydantic_loader().get_plugins()


def loader_attribute(name: str) -> Any:
    """Any other name of the loader: pydantic's own. Not the special names the import
    system asks every module for (`__path__`: is it a package?)."""
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    return getattr(pydantic_loader(), name)


def stand_in_loader() -> types.ModuleType:
    """A module to stand where pydantic imports its plugin loader from."""
    module = types.ModuleType(LOADER_MODULE, "Stand-in for pydantic's plugin loader.")
    module.get_plugins = get_plugins  # type: ignore[attr-defined]
    module.__getattr__ = loader_attribute  # type: ignore[method-assign]
    setattr(module, STAND_IN_MARK, True)
    return module


def plugins_off() -> None:
    """Turn pydantic's plugins off unless PYDANTIC_DISABLE_PLUGINS is set; while all are
    off and pydantic has not imported its loader yet, stand in for it."""
    os.environ.setdefault(PLUGINS_ENV, ALL_OFF)
    if all_plugins_off() and LOADER_MODULE not in sys.modules:
        sys.modules[LOADER_MODULE] = stand_in_loader()

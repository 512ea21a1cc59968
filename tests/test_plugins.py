"""toolkit.plugins: entry points found in a package installed for real, clashes refused,
a plugin that fails to import named with its distribution."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.plugin_wheel import install_plugin
from toolkit import plugins
from toolkit.plugins import PluginError

GROUP = "l10n.test-plugins"


@pytest.fixture
def on_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Folders to put on sys.path for the test; modules they brought are forgotten after."""
    added: list[Path] = []
    before = set(sys.modules)
    yield added
    for name in set(sys.modules) - before:
        del sys.modules[name]
    for folder in added:
        sys.path.remove(str(folder))


def _install(
    tmp_path: Path, on_path: list[Path], name: str, source: str, points: dict[str, str]
) -> None:
    module = name.replace("-", "_")
    site = install_plugin(tmp_path / name, name, {module: source}, {GROUP: points})
    sys.path.append(str(site))
    on_path.append(site)


def test_the_helper_installs_a_real_distribution(tmp_path: Path, on_path: list[Path]) -> None:
    _install(tmp_path, on_path, "house-plugin", "VALUE = 42\n", {"answer": "house_plugin:VALUE"})
    site = on_path[0]
    assert (site / "house_plugin.py").is_file()
    assert (site / "house_plugin-1.0.dist-info" / "INSTALLER").read_text().strip() == "pip"
    from importlib.metadata import distribution

    assert distribution("house-plugin").version == "1.0"


def test_a_plugin_is_found_by_name_and_loaded(tmp_path: Path, on_path: list[Path]) -> None:
    _install(tmp_path, on_path, "house-plugin", "VALUE = 42\n", {"answer": "house_plugin:VALUE"})
    found = plugins.find(GROUP)
    assert list(found) == ["answer"]
    assert "house_plugin" not in sys.modules  # finding names imports nothing
    assert plugins.load(GROUP) == {"answer": 42}


def test_no_plugins_is_an_empty_table() -> None:
    assert plugins.load("l10n.no-such-group") == {}


def test_a_plugin_may_not_take_a_builtin_name(tmp_path: Path, on_path: list[Path]) -> None:
    _install(tmp_path, on_path, "house-plugin", "VALUE = 1\n", {"pseudo": "house_plugin:VALUE"})
    with pytest.raises(PluginError) as caught:
        plugins.load(GROUP, builtins={"pseudo", "argos"})
    assert str(caught.value) == (
        "entry point 'pseudo' (l10n.test-plugins = house_plugin:VALUE) of distribution "
        "house-plugin 1.0 takes the name of a built-in; rename it"
    )


def test_two_distributions_may_not_claim_one_name(tmp_path: Path, on_path: list[Path]) -> None:
    _install(tmp_path, on_path, "house-one", "VALUE = 1\n", {"same": "house_one:VALUE"})
    _install(tmp_path, on_path, "house-two", "VALUE = 2\n", {"same": "house_two:VALUE"})
    with pytest.raises(PluginError) as caught:
        plugins.find(GROUP)
    message = str(caught.value)
    assert "house-one 1.0" in message and "house-two 1.0" in message
    assert message.endswith("; remove one")


def test_a_plugin_that_fails_to_import_names_itself(tmp_path: Path, on_path: list[Path]) -> None:
    _install(
        tmp_path, on_path, "house-broken", "import no_such_module_here\n", {"bad": "house_broken:X"}
    )
    with pytest.raises(PluginError) as caught:
        plugins.load(GROUP)
    assert str(caught.value) == (
        "entry point 'bad' (l10n.test-plugins = house_broken:X) of distribution house-broken 1.0 "
        "failed to load: ModuleNotFoundError: No module named 'no_such_module_here'"
    )
    assert caught.value.exit_code == 1

"""Plugins answer the publications' signals in the pipeline order of PLUGINS."""

from types import SimpleNamespace

from blinker import Signal
from publications.hooks import send


def receiver_of(plugin: str, called: list):
    """A receiver that says it belongs to the module `plugin.pipeline`."""

    def receiver(sender, **values):
        called.append((plugin, values))

    receiver.__module__ = f"{plugin}.pipeline"
    return receiver


def test_receivers_are_called_in_the_order_of_their_plugins():
    plugins = [f"plugin{n}" for n in range(12)]
    hook, called = Signal(), []
    receivers = [receiver_of(name, called) for name in reversed(plugins)]  # last to first
    for receiver in receivers:  # blinker holds them weakly: the list keeps them
        hook.connect(receiver)

    send(hook, SimpleNamespace(settings={"PLUGINS": plugins}), publications=[])

    assert called == [(name, {"publications": []}) for name in plugins]

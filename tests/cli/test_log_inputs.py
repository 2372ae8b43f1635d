"""The stage progress bar of the log commands: drawn on a terminal only, never on a pipe."""

from __future__ import annotations

import io

from segur_numerique.cli.log_inputs import StageProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_when_standard_error_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with StageProgress(3, "fr", stream) as progress:
        for stage in ("read", "validate", "count"):
            progress(stage)
    assert stream.getvalue() == ""


def test_a_bar_on_a_terminal_names_the_stages() -> None:
    stream = _Terminal()
    with StageProgress(2, "en", stream) as progress:
        progress("read")
        progress("count")
        progress("custom")  # an unknown stage is shown by its name
    assert progress._bar is not None
    assert progress._bar.tasks[0].completed == 2

"""A task for tests/test_faults.py: notes each start and end in a file, sleeping in between."""

import time
from pathlib import Path

from django.tasks import task


@task
def note_slowly(path: str, seconds: float) -> None:
    with Path(path).open("a") as fh:
        fh.write("start\n")
    time.sleep(seconds)
    with Path(path).open("a") as fh:
        fh.write("done\n")

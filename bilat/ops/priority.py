"""A lower CPU priority that holds where the kernel groups processes by session.

Linux with autogroups (``CONFIG_SCHED_AUTOGROUP``, on in most distributions' kernels) first
shares the CPU between sessions and only then weighs the processes of one session by their
nice values: a batch job niced by 10 in a session of its own (a cron job's, a service's, one
started with ``setsid``) gets as much of the cores as the whole session of the server it was
meant to yield to. Measured here: a busy loop niced by 10 in a session of its own against one
at the default priority in another, on one core, got half of it; with its session's autogroup
niced by 10 too, about a sixth.

So a niced bilat command that leads its own session gives its autogroup the same nice value
(``follow``): the group holds only that command and what it starts. One that shares a session
with a shell does not: the shell's autogroup would stay lowered after the command ends; run it
with ``setsid`` (docs/deployment.md). Without autogroups (no ``/proc/self/autogroup``, or
processes in cgroups of their own, where a service's CPU weight rules instead) nothing changes.
"""

from __future__ import annotations

import os
from pathlib import Path

AUTOGROUP = Path("/proc/self/autogroup")  # "/autogroup-123 nice 0"


def lower(by: int) -> None:
    """Run at a CPU priority lower by ``by`` (``os.nice``), in its session's autogroup too."""
    if by > 0:
        os.nice(by)
    follow()


def follow() -> int | None:
    """Give this process's autogroup the process's own nice value, when it is niced, leads its
    session and the group's is lower; the value given, or None when nothing changed."""
    nice = os.nice(0)
    if nice <= 0 or os.getsid(0) != os.getpid():
        return None
    try:
        group_nice = int(AUTOGROUP.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        return None  # no autogroups on this kernel
    if group_nice >= nice:
        return None
    try:
        AUTOGROUP.write_text(str(nice))
    except OSError:
        return None  # not allowed here (a container's /proc read-only): the nice value stands
    return nice

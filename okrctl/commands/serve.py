"""`okrctl serve`: preview the site on 127.0.0.1, rebuilt whenever an OKR or site file changes."""

from __future__ import annotations

import datetime as dt
import shutil
import signal
import tempfile
import threading
from pathlib import Path

import click

from okrctl import config as configuration
from okrctl import perfile, workspace
from okrctl.commands.build import progress, report, repository_root, today_option
from okrctl.commands.options import EXIT_OK, FiniteRange
from okrctl.console import echo
from okrctl.errors import UsageError
from okrctl.site.build import build_site
from okrctl.site.mkdocs_build import SITE_DIR, SiteError
from okrctl.site.serve import start_server, watch


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0 picks a free one).",
)
@click.option(
    "--interval",
    type=FiniteRange(0.05, 60),
    default=1.0,
    show_default=True,
    help="Seconds between looks for changed files.",
)
@today_option
def serve(port: int, interval: float, today: dt.date | None) -> int:
    """Build the site, serve it on http://127.0.0.1:PORT/ and rebuild it when a file under
    okrs/ or site/ changes. Stop with Ctrl+C."""
    root = repository_root()
    work = Path(tempfile.mkdtemp(prefix="okrctl-serve-"))
    out = work / "site"
    stop = threading.Event()

    def rebuild() -> None:
        day = today or dt.date.today()
        try:
            config = configuration.load(root)
            result = build_site(root, out, today=day, config=config, progress=progress())
        except (SiteError, UsageError) as exc:
            echo(f"okrctl: {exc}; serving the previous build", err=True)
            return
        finally:
            perfile.unfreeze()  # the next rebuild's garbage must stay collectable
        if report(result) != 0:
            echo("okrctl: the preview keeps the last good build until then", err=True)

    rebuild()
    try:
        server = start_server(out, port)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise UsageError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror}") from None
    echo(f"serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)")
    signal.signal(signal.SIGTERM, _interrupt)  # stop as on Ctrl+C: shut down, clean up
    try:
        watch([root / workspace.DEFAULT_DIR, root / SITE_DIR], rebuild, stop, interval)
    except KeyboardInterrupt:
        echo("okrctl: stopped", err=True)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        shutil.rmtree(work, ignore_errors=True)
    return EXIT_OK


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt

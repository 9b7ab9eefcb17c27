"""The `serve` command: the web editor over a workspace folder, on this machine only unless told
otherwise."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..errors import AjdocError, Place
from .options import PathArg, library_option, profile_option

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command("serve")
@click.argument("folder", type=PathArg, default=Path("."), required=False)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; only this machine can connect unless you give "
                   "another (e.g. 0.0.0.0: every network the machine is on).")
@profile_option()
@library_option("A folder of your own blocks/ and presets/ (default: FOLDER/library when it "
                "exists; repeatable, later wins).")
def serve(folder: Path, port: int, host: str, profile: Optional[str],
          libraries: tuple[Path, ...]) -> None:
    """Start the web editor for the role and directive files in FOLDER (default: here)."""
    try:  # the web extra is optional: import it only when the command runs
        import uvicorn

        from ..web import Workspace, create_app
    except ImportError as exc:
        raise AjdocError(f"the web editor needs the web extra ({exc.name} is missing)",
                         Place(key="serve"), "pip install 'ajdoc[web]'") from None
    ws = Workspace(folder, libraries, profile)
    hosts = None if host not in LOOPBACK else ("127.0.0.1", "localhost", "::1", "[::1]")
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"ajdoc serve: {ws.root} at http://{shown}:{port}/ (Ctrl-C stops it)")
    uvicorn.run(create_app(ws, hosts=hosts), host=host, port=port, log_level="warning",
                server_header=False)

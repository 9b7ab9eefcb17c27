"""The web editor (`ajdoc serve`): a local Starlette application over a workspace folder of role
files, directive files and a user library; role files on disk stay the source of truth."""

from .app import create_app
from .files import Workspace

__all__ = ["Workspace", "create_app"]

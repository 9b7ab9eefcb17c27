"""A unit's job descriptions over time: scanning, where-used, upgrading, re-pinning, amending.

Scanning role files (``scan``), where a block is used (``whereused``), upgrading roles to a
block's newest version (``upgrade``: the plan, re-rendering), re-pinning a role file's text
(``repin``) and drafting the amending directive (``amend``).

    from ajdoc import lifecycle
    found = lifecycle.where_used("rights@1", "roles/", library=["my-library"])
    plan = lifecycle.plan_upgrade("roles/", "rights", library=["my-library"])
    lifecycle.write_upgrade(plan, force=False)             # re-pins role files, renders DOCX
    lifecycle.draft_directive(plan, "roles/muutmine.yaml")  # the amending directive
"""

from __future__ import annotations

from .amend import draft_directive
from .repin import Repin, repin_text, with_version
from .scan import Problem, RoleFile, Scan, relative, scan
from .upgrade import Upgrade, UpgradePlan, docx_target, plan_upgrade, write_upgrade
from .whereused import Use, Usage, WhereUsed, role_usage, uses_of, where_used

__all__ = ["Problem", "Repin", "RoleFile", "Scan", "Upgrade", "UpgradePlan", "Usage", "Use",
           "WhereUsed", "docx_target", "draft_directive", "plan_upgrade", "relative",
           "repin_text", "role_usage", "scan", "uses_of", "where_used", "with_version",
           "write_upgrade"]


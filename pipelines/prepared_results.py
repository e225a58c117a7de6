"""Results an extraction worker computed for an item (crawler/worker_stages.py).

They travel in ``item.prepared``; each pipeline takes out its own part with
:func:`take_prepared`, so nothing is used twice and an item that was not
prepared (inline extraction, another item class) simply has nothing to take.
"""
from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter


def take_prepared(adapter: ItemAdapter, key: str) -> Any:
    """``item.prepared[key]``, removed from the item; None when it is not there."""
    if "prepared" not in adapter.field_names():
        return None
    prepared = adapter.get("prepared")
    return prepared.pop(key, None) if isinstance(prepared, dict) else None

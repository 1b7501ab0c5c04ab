"""How reports are stored: the canonical JSON form and its JSON Schema."""

from ._json import dumps, from_dict, loads, to_dict
from ._schema import json_schema

__all__ = ["dumps", "from_dict", "json_schema", "loads", "to_dict"]

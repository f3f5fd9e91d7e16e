"""`bilat dumpdata` formats that keep every value exactly, so the change log survives a move.

Django's JSON encoder cuts times to milliseconds; the change log's hashes cover microseconds,
so a dump and reload would break every entry. settings.SERIALIZATION_MODULES puts these in
place of Django's ``json`` and ``jsonl`` (the reading side is Django's own).
"""

import datetime

from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)

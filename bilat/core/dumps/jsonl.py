"""Django's ``jsonl`` dump format, with times to the microsecond."""

from django.core.serializers import jsonl as django_jsonl

from . import ExactJSONEncoder

Deserializer = django_jsonl.Deserializer


class Serializer(django_jsonl.Serializer):
    def _init_options(self):
        super()._init_options()
        if "cls" not in self.options:
            self.json_kwargs["cls"] = ExactJSONEncoder

"""Django's ``json`` dump format, with times to the microsecond."""

from django.core.serializers import json as django_json

from . import ExactJSONEncoder

Deserializer = django_json.Deserializer


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        if "cls" not in self.options:
            self.json_kwargs["cls"] = ExactJSONEncoder

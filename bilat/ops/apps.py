from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running bilat for real: the production server, backup and restore, the replica router."""

    name = "bilat.ops"
    label = "ops"

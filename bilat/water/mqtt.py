"""The MQTT door: a subscriber with a persistent session (QoS 1), one topic per series.

Each message on ``<BILAT_MQTT_TOPIC>/<series code>`` is one batch: a JSON object
``{"batch_id": ..., "readings": [{"time": ..., "value": ...}, ...]}`` (or a list of readings, or
one reading). The message is acknowledged only after its batch is committed, so a crash or a
broker restart re-delivers it, and the batch id or the readings' keys make the second delivery
change nothing (at least once in, exactly once stored).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth.models import User
from django.db import close_old_connections, connections

from . import services
from .parsing import ParseError, rows_from_json

logger = logging.getLogger(__name__)


def broker_address(url: str) -> tuple[str, int]:
    parsed = urlparse(url if "://" in url else f"mqtt://{url}")
    return parsed.hostname or "127.0.0.1", parsed.port or 1883


def handle_message(topic: str, payload: bytes, *, actor: User | None, prefix: str
                   ) -> services.Outcome:
    """Ingest one message (what the listener does for each, before acknowledging it)."""
    series = topic[len(prefix):].strip("/") if topic.startswith(prefix) else ""
    batch_id = ""
    try:
        data = json.loads(payload)
        if isinstance(data, dict) and data.get("batch_id"):
            batch_id = f"mqtt:{data['batch_id']}"
        rows = rows_from_json(data, series=series)
    except (json.JSONDecodeError, UnicodeDecodeError, ParseError) as exc:
        return services.Outcome(rejected=[{"row": 0, "reason": f"unreadable message: {exc}"}])
    return services.ingest(rows, actor=actor, door="mqtt", batch_id=batch_id,
                           as_system=actor is None)


def listen(*, actor: User | None, url: str | None = None, prefix: str | None = None,
           client_id: str | None = None, stop: threading.Event | None = None,
           on_batch: Callable[[str, services.Outcome], None] | None = None) -> None:
    """Subscribe and ingest until ``stop`` is set (forever when None)."""
    import paho.mqtt.client as mqtt

    host, port = broker_address(url or settings.BILAT_MQTT_URL)
    prefix = (prefix or settings.BILAT_MQTT_TOPIC).rstrip("/")
    client = mqtt.Client(
        callback_api_version=mqtt.CallbackAPIVersion.VERSION2,
        client_id=client_id or settings.BILAT_MQTT_CLIENT_ID,
        clean_session=False, protocol=mqtt.MQTTv311, manual_ack=True,
    )
    client.reconnect_delay_set(min_delay=1, max_delay=5)

    def on_connect(client, userdata, flags, reason_code, properties):
        if not reason_code.is_failure:
            client.subscribe(f"{prefix}/+", qos=1)

    def on_message(client, userdata, message):
        close_old_connections()
        try:
            outcome = handle_message(message.topic, message.payload, actor=actor, prefix=prefix)
        except Exception:  # noqa: BLE001 - not acknowledged: the broker delivers it again
            logger.exception("MQTT message on %s not stored; it will be delivered again",
                             message.topic)
            return
        client.ack(message.mid, message.qos)
        if on_batch:
            on_batch(message.topic, outcome)

    def on_disconnect(client, userdata, flags, reason_code, properties):
        connections.close_all()  # this thread's database connection; reopened when needed

    client.on_connect = on_connect
    client.on_message = on_message
    client.on_disconnect = on_disconnect
    client.connect_async(host, port, keepalive=30)
    client.loop_start()
    try:
        (stop or threading.Event()).wait()
    finally:
        client.disconnect()
        client.loop_stop()
        close_old_connections()

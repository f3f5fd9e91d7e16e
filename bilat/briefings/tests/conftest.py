import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_dashboard_cache():
    # Test factories write without change-log entries, which real writes never do; start each
    # test with no cached dashboard so one test's page cannot answer for another's records.
    cache.clear()
    yield
    cache.clear()

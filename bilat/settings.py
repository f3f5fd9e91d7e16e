"""Django settings for bilat, read from the environment (see docs/settings.md)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("BILAT_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
DEBUG = env_bool("BILAT_DEBUG", False)

ALLOWED_HOSTS = [h for h in os.environ.get("BILAT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
_https = env_bool("BILAT_HTTPS", False)

# The demo and tests run on this machine without a configured key. A server reached over HTTPS
# or by another host name is production: there, the development key (published in the
# repository, so anyone could forge sessions and password-reset links) is refused.
SECRET_KEY = os.environ.get("BILAT_SECRET_KEY", "")
if not SECRET_KEY:
    if _https or not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
        from django.core.exceptions import ImproperlyConfigured

        served = "HTTPS" if _https else ", ".join(ALLOWED_HOSTS)
        raise ImproperlyConfigured(
            f"BILAT_SECRET_KEY is not set. bilat refuses to serve {served} with the development "
            "key published in its repository. Set BILAT_SECRET_KEY to a long random value, e.g. "
            "the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-set-BILAT_SECRET_KEY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "bilat.core",
    "bilat.accounts",
    "bilat.directory",
    "bilat.commissions",
    "bilat.meetings",
    "bilat.decisions",
    "bilat.projects",
    "bilat.targets",
    "bilat.trade",
    "bilat.briefings",
    "bilat.work",
    "bilat.trace",
    "bilat.claims",
    "bilat.water",
    "bilat.demo",
    "bilat.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bilat.core.middleware.RequestIdMiddleware",
    "bilat.commissions.middleware.CommissionMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its answer (429)
]

ROOT_URLCONF = "bilat.urls"
WSGI_APPLICATION = "bilat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "bilat.core.context_processors.bilat",
                "bilat.work.context_processors.work",
                "bilat.accounts.context_processors.policy",
                "bilat.accounts.context_processors.shell_role",
                "bilat.commissions.context_processors.commissions",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'bilat.sqlite3'}",
        conn_max_age=int(os.environ.get("BILAT_DB_CONN_MAX_AGE", "60")),
    )
}
# A kept connection is checked before each request reuses it: after PostgreSQL restarts, the
# first request of each thread reconnects instead of failing on the dead connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A read replica of the PostgreSQL primary (streaming replication): read-only pages read there
# (bilat/ops/router.py); writes, and the reads of a client that has just written, stay on the
# primary. In tests the replica is the primary.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["replica"]["ENGINE"].endswith("sqlite3"):  # the same file (tests)
        DATABASES["replica"]["OPTIONS"] = DATABASES["default"]["OPTIONS"]
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["bilat.ops.router.ReplicaRouter"]
    MIDDLEWARE.insert(1, "bilat.ops.router.ReadOnlyRequestMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# `bilat dumpdata` in JSON keeps times to the microsecond: the change log's hashes cover them.
SERIALIZATION_MODULES = {"json": "bilat.core.dumps.json", "jsonl": "bilat.core.dumps.jsonl"}

# django-axes counts failed sign-ins and refuses a locked-out account or address before any
# password is checked; Django's own backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
# Kazakh and Uzbek (Latin script) are named in their own language, as a switcher shows them.
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", "Қазақша"), ("uz", "Oʻzbekcha")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The app serves its own assets (no CDN, no separate web server needed): WhiteNoise serves them
# straight from the apps' static folders, so the demo needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing root
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "media"
EVIDENCE_ROOT = DATA_DIR / "evidence"

# Content Security Policy: everything from our own origin, nothing inline but nonce'd scripts.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind reverse proxies (nginx, a load balancer) the request reaches bilat over plain HTTP from
# the proxy: trust the protocol and client address the nearest proxy forwards, and only then
# (a client could send those headers itself). BILAT_PROXY_COUNT is how many proxies are in front;
# bilat.accounts.signin.client_address reads the address.
BILAT_PROXY_COUNT = int(os.environ.get("BILAT_PROXY_COUNT", "0"))
if BILAT_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG and _https:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("BILAT_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Mail: the demo writes messages as files under the data folder; set BILAT_EMAIL_BACKEND (and
# BILAT_SMTP_*) for a real server.
_mail_backend = os.environ.get(
    "BILAT_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
_mail_options: dict = {}
if _mail_backend.endswith("filebased.EmailBackend"):
    _mail_options = {"file_path": str(DATA_DIR / "mail")}
elif _mail_backend.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": os.environ.get("BILAT_SMTP_HOST", "localhost"),
        "port": int(os.environ.get("BILAT_SMTP_PORT", "25")),
        "username": os.environ.get("BILAT_SMTP_USER", ""),
        "password": os.environ.get("BILAT_SMTP_PASSWORD", ""),
        "use_tls": env_bool("BILAT_SMTP_TLS", False),
    }
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = os.environ.get("BILAT_FROM_EMAIL", "bilat@localhost")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["bilat.accounts.permissions.PolicyPermission"],
    "DEFAULT_PARSER_CLASSES": [  # DRF's, refusing NUL characters in any field
        "bilat.core.parsers.JSONParser",
        "bilat.core.parsers.FormParser",
        "bilat.core.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "bilat.core.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "bilat.core.api.RegistryAutoSchema",
    "EXCEPTION_HANDLER": "bilat.core.api.exception_handler",
    "NUM_PROXIES": BILAT_PROXY_COUNT,  # DRF trusts X-Forwarded-For only behind a proxy
}

# Sign-in protection (docs/access.md, "Sign-in protection"): every door that checks a password
# counts failures in the database (so every process sees them) per account and per address;
# reaching the limit locks that account, and that address, for the cool-off.
# At least 1 each: a limit of 0 would lock everyone out, a cool-off of 0 would lock nobody.
AXES_FAILURE_LIMIT = max(1, int(os.environ.get("BILAT_SIGNIN_FAILURE_LIMIT", "10")))
AXES_COOLOFF_TIME = timedelta(
    minutes=max(1, int(os.environ.get("BILAT_SIGNIN_COOLOFF_MINUTES", "15")))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: either one locks
# Attempts during a lockout are refused without being counted, so an attacker who keeps trying
# cannot stretch a secretariat's lockout: it ends one cool-off after it began.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "bilat.accounts.signin.client_address"
AXES_LOCKOUT_CALLABLE = "bilat.accounts.signin.lockout_response"
# The API token door is also rate-limited per address (DRF throttle, 429 with Retry-After).
BILAT_API_TOKEN_RATE = os.environ.get("BILAT_API_TOKEN_RATE", "20/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "bilat API",
    "DESCRIPTION": "The registry and statistics of a joint intergovernmental commission.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # Swagger UI from drf-spectacular-sidecar's static files
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DecisionSideStatusEnum": "bilat.decisions.models.DecisionSide.Status",
        "MilestoneStatusEnum": "bilat.projects.models.Milestone.Status",
        # A record is sourced, derived or illustrative; a frozen figure may also be synthetic.
        "ProvenanceEnum": "bilat.core.models.Provenance",
        "FigureProvenanceEnum": "bilat.briefings.models.FigureProvenance",
    },
}

# The cache (the dashboard's rendered pages, the API token door's rate limit) is shared by every
# server process through Redis when BILAT_REDIS_URL is set; otherwise each process has its own
# (correct too, since every cached page is keyed by the state it shows; only the rate limit is
# then counted per process). A Redis outage is logged and the cache is skipped, never an error.
# Sessions stay in the database, like sign-in failures (django-axes): shared by every process;
# with Redis, a session is also read from the cache (written through to the database).
BILAT_REDIS_URL = os.environ.get("BILAT_REDIS_URL", "")
if BILAT_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": BILAT_REDIS_URL,
            "KEY_PREFIX": "bilat",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1,
                        "SOCKET_TIMEOUT": 1},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# What every signed-in request reads of its user (the session, the roles, the unread
# notifications) is kept in the cache only where every process shares it: a change made
# through one process must count at once in the others (bilat/accounts/roles.py).
BILAT_SHARED_CACHE = bool(BILAT_REDIS_URL)
# The public's pages served in one round trip to the shared cache while the registry stands as
# it stood (``briefings.pagecache.published``): only where every process shares the cache.
BILAT_PUBLISHED_PAGES = BILAT_SHARED_CACHE
# The dashboard made again, after a write and its answer, for those who read it lately
# (``briefings.warm``): with a shared cache (what one process makes, every process serves);
# BILAT_WARM_PAGES=0 turns it off.
BILAT_WARM_PAGES = BILAT_SHARED_CACHE and os.environ.get("BILAT_WARM_PAGES", "1") != "0"
if BILAT_SHARED_CACHE:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The DuckDB trade warehouse (see bilat/trade/warehouse.py).
TRADE_WAREHOUSE = DATA_DIR / "trade" / "warehouse.duckdb"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BILAT_LOG_LEVEL", "WARNING")},
}

# Water accounting (docs/water.md): the MQTT broker the listener subscribes to, its topic
# prefix (one topic per series below it), its persistent-session client id, and the bilat user
# it writes as; the coverage below which a volume is an estimate; deviation thresholds (%).
BILAT_MQTT_URL = os.environ.get("BILAT_MQTT_URL", "mqtt://127.0.0.1:1883")
BILAT_MQTT_TOPIC = os.environ.get("BILAT_MQTT_TOPIC", "bilat/water")
BILAT_MQTT_CLIENT_ID = os.environ.get("BILAT_MQTT_CLIENT_ID", "bilat-water-listener")
BILAT_MQTT_USER = os.environ.get("BILAT_MQTT_USER", "")
BILAT_WATER_MIN_COVERAGE = float(os.environ.get("BILAT_WATER_MIN_COVERAGE", "0.9"))
BILAT_WATER_WARN_PERCENT = float(os.environ.get("BILAT_WATER_WARN_PERCENT", "5"))
BILAT_WATER_BREACH_PERCENT = float(os.environ.get("BILAT_WATER_BREACH_PERCENT", "10"))

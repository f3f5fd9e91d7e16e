"""The demo's logins: one per role, with fixed passwords printed by ``bilat demo``.

These are demo credentials. They are published in docs/demo.md; never use them on a server
that holds real data.
"""

# username, password, role, side code, organisation code, is_superuser
USERS = [
    ("admin", "demo-admin", "viewer", None, None, True),
    ("kz-secretariat", "demo-kz-sec", "secretariat", "KZ", "kz-secretariat", False),
    ("uz-secretariat", "demo-uz-sec", "secretariat", "UZ", "uz-secretariat", False),
    # The officer's ministry leads several decisions of the 21st meeting on the Kazakh side.
    ("kz-officer", "demo-kz-officer", "officer", "KZ", "kz-mti", False),
    ("uz-officer", "demo-uz-officer", "officer", "UZ", "uz-water", False),
    ("viewer", "demo-viewer", "viewer", None, None, False),
]

ADMIN = "admin"

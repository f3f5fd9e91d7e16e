"""The demo's logins: one per role, with fixed passwords printed by ``bilat demo``.

These are demo credentials. They are published in docs/demo.md; never use them on a server
that holds real data.
"""

# username, password, role, side code, organisation code, is_superuser
USERS = [
    ("admin", "demo-admin", "viewer", None, None, True),
    ("kz-secretariat", "demo-kz-sec", "secretariat", "KZ", "kz-secretariat", False),
    ("uz-secretariat", "demo-uz-sec", "secretariat", "UZ", "uz-secretariat", False),
    # The officer's ministry leads or co-executes several decisions of the 21st meeting.
    ("kz-officer", "demo-kz-officer", "officer", "KZ", "kz-mti", False),
    ("uz-officer", "demo-uz-officer", "officer", "UZ", "uz-water", False),
    ("viewer", "demo-viewer", "viewer", None, None, False),
]

ADMIN = "admin"

# The logins of the second commission (Kazakhstan–Kyrgyzstan), whose profile holds their role
# there: username, password, role, side code, organisation code, commission code.
SECOND_COMMISSION_USERS = [
    ("kg-secretariat", "demo-kg-sec", "secretariat", "KG", "kg-secretariat", "kz-kg"),
    ("kg-officer", "demo-kg-officer", "officer", "KG", "kg-economy", "kz-kg"),
]

# Roles held in a second commission: the Kazakh secretariat serves both of its commissions
# (username, commission, role, side, organisation).
MEMBERSHIPS = [
    ("kz-secretariat", "kz-kg", "secretariat", "KZ", "kz-secretariat"),
]

# The passwords above, hashed once with a fixed salt and a low PBKDF2 work factor: hashing at
# load time would cost over a second per user. Django re-hashes with the full work factor at
# the first login. tests/test_users.py checks that each hash matches its password.
PASSWORD_HASHES = {
    "admin": "pbkdf2_sha256$100000$bilatdemoadmin$ZZO3QgxpA1byjBQhwVbX3yCL7+lHcdEj9vFcAnNEAiw=",
    "kz-secretariat": "pbkdf2_sha256$100000$bilatdemokzsecretariat$"
                      "xra820YBXZj1AXiH1CBDg8+ZVKlorhrDNPONcEFa8OI=",
    "uz-secretariat": "pbkdf2_sha256$100000$bilatdemouzsecretariat$"
                      "qIeXfaHooucg3QHh1jxZY5E4QSTSJoIUWV+KMLtvr48=",
    "kz-officer": "pbkdf2_sha256$100000$bilatdemokzofficer$"
                  "PlSzmruFR0omIekXi73iX0WjpWKNIuq8qDTDnRYseYI=",
    "uz-officer": "pbkdf2_sha256$100000$bilatdemouzofficer$"
                  "rP4cNiOiXYiiRG+dIKn6TFDuBUEqc7k5oOzD7lVoa4I=",
    "viewer": "pbkdf2_sha256$100000$bilatdemoviewer$905PDbbWr8GTAZpSDmItNowYHdFrKOuWwIicPL310+c=",
    "kg-secretariat": "pbkdf2_sha256$100000$bilatdemokgsecretariat$"
                      "cVOOHrlU3g6lNRr825jI8oZhiPYRoTdbPaDPoRuMoMI=",
    "kg-officer": "pbkdf2_sha256$100000$bilatdemokgofficer$"
                  "f7iVkvY2loxQArgbFk/o8mudhKE56RHqIqOofVpv81M=",
}

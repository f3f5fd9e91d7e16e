from django.contrib.auth.hashers import PBKDF2PasswordHasher

from bilat.demo.data.users import PASSWORD_HASHES, USERS


def test_each_stored_demo_password_hash_matches_the_published_password():
    # Verify with PBKDF2 itself: the test settings keep only a fast hasher for created users.
    hasher = PBKDF2PasswordHasher()
    for username, password, *_rest in USERS:
        assert hasher.verify(password, PASSWORD_HASHES[username]), username

from django.contrib.auth.hashers import check_password

from bilat.demo.data.users import PASSWORD_HASHES, USERS


def test_each_stored_demo_password_hash_matches_the_published_password():
    for username, password, *_rest in USERS:
        assert check_password(password, PASSWORD_HASHES[username]), username

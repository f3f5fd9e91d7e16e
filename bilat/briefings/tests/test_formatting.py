from decimal import Decimal

from bilat.briefings.formatting import money, ordinal, percent, thousands


def test_money_reads_as_each_language_writes_it():
    assert money(4400, "en") == "$4.4 billion"
    assert money(4400, "ru") == "4,4 млрд долл. США"
    assert money(217, "en") == "$217 million"
    assert money(Decimal("178.0"), "ru") == "178 млн долл. США"
    assert money(10000, "en") == "$10 billion"
    assert money(1200, "en", qualifier="more_than") == "more than $1.2 billion"
    assert money(1200, "ru", qualifier="more_than") == "более 1,2 млрд долл. США"


def test_percentages_carry_a_sign_and_a_true_minus():
    assert percent(29.4946, "en", signed=True) == "+29.5 %"
    assert percent(-9.09, "en", signed=True) == "\u22129.1 %"
    assert percent(56.9, "ru", signed=True) == "+56,9 %"
    assert percent(57.63, "en") == "57.6 %"


def test_thousands_say_more_than_or_about_as_the_rounding_requires():
    assert thousands(14745, "en") == ("14.7 thousand", "more_than")
    assert thousands(4480, "en") == ("4.5 thousand", "about")
    assert thousands(500000, "ru") == ("500 тыс.", "")
    assert thousands(14745, "ru")[0] == "14,7 тыс."


def test_ordinals_in_english_and_bare_numbers_in_russian():
    assert [ordinal(n, "en") for n in (1, 2, 3, 11, 21, 22)] == [
        "1st", "2nd", "3rd", "11th", "21st", "22nd"]
    assert ordinal(21, "ru") == "21"

"""Every check of a release at once: one verdict and one explanation for each of its claims.

``check_release`` runs the checks of ``consistency`` — inside the release (two values, parts
and whole, growth rates), against the data (a ``FactsProvider``: the warehouse and the
registry, or facts in memory) and against earlier releases — and gives each claim the verdict
of the strictest check that concerns it: *inconsistent* before *differs by reporter* before
*consistent*; *not checkable* only when no check could say anything. The explanation names
every check, the decisive one first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .consistency import (
    CONSISTENT,
    DIFFERS_BY_REPORTER,
    INCONSISTENT,
    NOT_CHECKABLE,
    EarlierRelease,
    FactsProvider,
    Finding,
    check_claim,
    check_document,
    compare_releases,
)
from .extract import Claim, extract_claims
from .messages import join, msg, render

# The strictest verdict wins; a check that could not say anything counts least.
RANK = {INCONSISTENT: 3, DIFFERS_BY_REPORTER: 2, CONSISTENT: 1, NOT_CHECKABLE: 0}


@dataclass
class CheckedClaim:
    """A claim with its verdict, its explanation (in English, and as a message to word in any
    language: ``messages.render``) and each check that concerns it."""

    claim: Claim
    verdict: str
    explanation: str
    findings: list[dict] = field(default_factory=list)
    message: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The claim's fields, then its verdict and explanation (what the CLI prints)."""
        return {**self.claim.as_dict(), "verdict": self.verdict,
                "explanation": self.explanation}


def _concerns(finding: Finding, claim: Claim) -> bool:
    if finding.check == "earlier_release":
        return finding.claims[0] is claim  # the other claim is the earlier release's
    return any(c is claim for c in finding.claims)


def combine(claim: Claim, findings: Sequence[dict]) -> CheckedClaim:
    """One verdict from the findings about a claim: the strictest; their explanations in order."""
    if not findings:
        message = msg("none")
        return CheckedClaim(claim, NOT_CHECKABLE, render(message), [], message)
    ordered = sorted(findings, key=lambda f: -RANK[f["verdict"]])
    verdict = ordered[0]["verdict"]
    if verdict == NOT_CHECKABLE:
        message = join(" ", (f["message"] for f in ordered))
    else:
        message = join(" ", (
            msg("labelled", label=msg(f"check.{f['check']}"), verdict=msg(f"verdict.{f['verdict']}"),
                text=f["message"]) for f in ordered if f["verdict"] != NOT_CHECKABLE))
    return CheckedClaim(claim, verdict, render(message), list(ordered), message)


def _data_verdicts(claims: Sequence[Claim], facts: FactsProvider | None, text: str,
                   reporter: str | None) -> list[dict | None]:
    out: list[dict | None] = []
    for claim in claims:
        if facts is None:
            out.append(None)
            continue
        v = check_claim(claim, facts, reporter=reporter, text=text)
        check = "denominator" if claim.indicator == "share_of_regional_trade_pct" else "data"
        out.append({"check": check, "verdict": v.verdict, "explanation": v.explanation,
                    "message": v.message})
    return out


def _about(finding: Finding, claim: Claim, data: dict[int, dict | None]) -> dict:
    """A finding as it concerns one claim: of two values, the one the data confirm is the
    consistent one, when the data contradict the other."""
    out = {"check": finding.check, "verdict": finding.verdict,
           "explanation": finding.explanation, "message": finding.message}
    if finding.check == "two_values" and finding.verdict == INCONSISTENT:
        mine = data.get(id(claim))
        others = [data.get(id(c)) for c in finding.claims if c is not claim]
        if (mine and mine["verdict"] == CONSISTENT
                and any(o and o["verdict"] == INCONSISTENT for o in others)):
            out["verdict"] = CONSISTENT
            out["message"] = join(" ", (msg("data_confirm"), finding.message))
            out["explanation"] = render(out["message"])
    return out


def check_claims(claims: Sequence[Claim], *, text: str, facts: FactsProvider | None = None,
                 reporter: str | None = None,
                 earlier: Sequence[EarlierRelease] = ()) -> list[CheckedClaim]:
    """Each claim of a release with its verdict, from every check that concerns it."""
    findings = check_document(claims, text=text) + compare_releases(claims, earlier)
    data = dict(zip((id(c) for c in claims), _data_verdicts(claims, facts, text, reporter),
                    strict=True))
    out = []
    for claim in claims:
        about = [_about(f, claim, data) for f in findings if _concerns(f, claim)]
        if data[id(claim)] is not None:
            about.append(data[id(claim)])
        out.append(combine(claim, about))
    return out


def check_release(text: str, *, published: date, lang: str | None = None,
                  facts: FactsProvider | None = None, reporter: str | None = None,
                  earlier: Sequence[EarlierRelease] = ()) -> list[CheckedClaim]:
    """Extract a release's claims and check them all."""
    claims = extract_claims(text, published=published, lang=lang)
    return check_claims(claims, text=text, facts=facts, reporter=reporter, earlier=earlier)

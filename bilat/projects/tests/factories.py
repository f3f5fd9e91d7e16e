"""Factory functions for projects, their partners and portfolio rules, and the users who act."""

from dataclasses import dataclass
from decimal import Decimal

from bilat.accounts.models import Role
from bilat.accounts.tests.factories import make_user
from bilat.directory.tests.factories import make_organisation, make_sector, make_sides
from bilat.projects.models import PortfolioFigure, PortfolioRule, Project, ProjectPartner


@dataclass
class Cast:
    """Two sides, a partner organisation on each, an outsider, and one user per role."""

    kz: object
    uz: object
    kz_partner: object
    kz_other: object
    uz_partner: object
    users: dict


def make_cast() -> Cast:
    kz, uz = make_sides()
    kz_partner = make_organisation(kz, "kz-industry-ministry")
    kz_other = make_organisation(kz, "kz-water-ministry")
    uz_partner = make_organisation(uz, "uz-steel-company", kind="company")
    users = {
        "anonymous": None,
        "viewer": make_user("viewer"),
        "officer_kz_partner": make_user("officer_kz_partner", Role.OFFICER,
                                        organisation=kz_partner),
        "officer_kz_other": make_user("officer_kz_other", Role.OFFICER, organisation=kz_other),
        "officer_uz_partner": make_user("officer_uz_partner", Role.OFFICER,
                                        organisation=uz_partner),
        "secretariat_kz": make_user("secretariat_kz", Role.SECRETARIAT, side=kz),
        "secretariat_uz": make_user("secretariat_uz", Role.SECRETARIAT, side=uz),
        "superuser": make_user("root", superuser=True),
    }
    return Cast(kz, uz, kz_partner, kz_other, uz_partner, users)


def make_project(code: str = "IC-TARAZ-EMZ", **extra) -> Project:
    """A project written directly (no log): for arranging tests that are not about writing."""
    make_sides()  # and their commission
    values = {
        "title_en": f"Project {code}", "title_ru": f"Проект {code}",
        "kind": Project.Kind.INDUSTRIAL_COOPERATION, "stage": Project.Stage.IMPLEMENTATION,
        "value_planned": Decimal("100"), "value_planned_usd": Decimal("100"),
        "jobs_planned": 10, "sector": make_sector("industry", "Industry"),
    }
    values.update(extra)
    return Project.objects.create(code=code, **values)


def make_partner(project: Project, organisation, role: str = "investor") -> ProjectPartner:
    return ProjectPartner.objects.create(project=project, organisation=organisation, role=role)


def make_rule(code: str = "industrial-all", **extra) -> PortfolioRule:
    values = {"title_en": "Industrial cooperation portfolio", "kinds": ["industrial_cooperation"],
              "stages": [], "jobs_basis": "planned", "value_basis": "planned"}
    values.update(extra)
    return PortfolioRule.objects.create(code=code, **values)


def make_reported_figure(rule: PortfolioRule, **extra) -> PortfolioFigure:
    values = {"origin": "reported", "project_count": 69, "value_usd": Decimal("3100000000"),
              "jobs": 14700, "source_en": "Kazinform, 7 Aug 2024"}
    values.update(extra)
    return PortfolioFigure.objects.create(rule=rule, **values)

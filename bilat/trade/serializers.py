"""The trade API's answers, field by field: what the OpenAPI schema tells clients.

One serializer per typed result of ``queries`` and ``indicators``; the API and ``bilat trade
indicators --json`` write the same JSON through them.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.plumbing import append_meta
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .metrics import METRICS

NULL_REASONS = "Why a figure above is null, by its name."


def _null_reasons() -> serializers.DictField:
    return serializers.DictField(child=serializers.CharField(), help_text=NULL_REASONS)


def _number(**kwargs: Any) -> serializers.FloatField:
    """A figure that may be missing (null, with its reason in null_reasons)."""
    return serializers.FloatField(allow_null=True, **kwargs)


class MetricSerializer(serializers.Serializer):
    code = serializers.CharField()
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    numerator = serializers.CharField()
    denominator = serializers.CharField()
    unit = serializers.CharField()
    rounding = serializers.CharField()
    definition_en = serializers.CharField()
    definition_ru = serializers.CharField()
    title_kk = serializers.CharField()
    title_uz = serializers.CharField()
    definition_kk = serializers.CharField()
    definition_uz = serializers.CharField()


class FigureSerializer(serializers.Serializer):
    value = serializers.FloatField(help_text="US$.")
    basis = serializers.CharField(help_text="The statistics office (or source) reporting it.")
    source = serializers.CharField()
    vintage = serializers.CharField()
    flag = serializers.CharField(allow_null=True, help_text="derived, illustrative or synthetic.")
    note = serializers.CharField(allow_null=True)
    reported_by = serializers.CharField(allow_null=True)


class PairPeriodSerializer(serializers.Serializer):
    basis = serializers.CharField()
    year = serializers.IntegerField()
    month = serializers.IntegerField(help_text="0 for a whole year; else the period's last month.")
    period_kind = serializers.CharField(help_text="year, month or ytd.")
    exports = FigureSerializer(allow_null=True)
    imports = FigureSerializer(allow_null=True)
    turnover = FigureSerializer(allow_null=True)
    turnover_is_sum = serializers.BooleanField(
        help_text="No published turnover: exports + imports of the same basis.")
    balance = _number()
    period = serializers.CharField(source="label", help_text="2023, 2024-01, 2024 Jan–Apr.")


class GrowthSerializer(serializers.Serializer):
    value = _number()
    yoy = _number(help_text="% on the previous year.")
    previous_year = serializers.IntegerField()
    n_years = serializers.IntegerField()
    base_year = serializers.IntegerField()
    base_value = _number()
    growth_n = _number(help_text="% over n_years.")
    cagr = _number(help_text="% a year over n_years.")
    null_reasons = _null_reasons()


class GrowthTableSerializer(serializers.Serializer):
    turnover = GrowthSerializer()
    exports = GrowthSerializer()
    imports = GrowthSerializer()


class YtdMeasureSerializer(serializers.Serializer):
    value = _number()
    previous = _number()
    growth = _number(help_text="%.")
    source = serializers.CharField(allow_null=True)
    previous_source = serializers.CharField(allow_null=True)
    null_reasons = _null_reasons()


class YtdComparisonSerializer(serializers.Serializer):
    basis = serializers.CharField()
    year = serializers.IntegerField()
    months = serializers.IntegerField()
    period = serializers.CharField()
    previous_period = serializers.CharField()
    turnover = YtdMeasureSerializer()
    exports = YtdMeasureSerializer()
    imports = YtdMeasureSerializer()


class MirrorRowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    exporter = serializers.CharField()
    importer = serializers.CharField()
    exporter_report = FigureSerializer(allow_null=True)
    importer_report = FigureSerializer(allow_null=True)
    gap = _number(help_text="Importer's report − exporter's report, US$.")
    gap_pct = _number(help_text="% of the exporter's report.")
    null_reasons = _null_reasons()
    basis = serializers.CharField(
        help_text="\"national\" (each office's own statistics) or the basis holding both reports.")
    note = serializers.CharField(allow_null=True, help_text="Why the reports differ (CIF/FOB).")


class ReporterRegionShareSerializer(serializers.Serializer):
    metric = serializers.CharField()
    year = serializers.IntegerField()
    basis = serializers.CharField()
    numerator = _number()
    numerator_label = serializers.CharField()
    denominator = _number()
    denominator_label = serializers.CharField()
    share = _number(help_text="%.")
    missing = serializers.ListField(child=serializers.CharField(),
                                    help_text="Partners with no turnover on the basis.")
    null_reasons = _null_reasons()
    parts = serializers.DictField(child=FigureSerializer(allow_null=True),
                                  help_text="The reporter's turnover with each partner.")


class RegionShareSerializer(serializers.Serializer):
    metric = serializers.CharField()
    year = serializers.IntegerField()
    numerator_low = _number()
    numerator_high = _number()
    denominator_low = _number()
    denominator_high = _number()
    share_low = _number(help_text="%.")
    share_high = _number(help_text="%.")
    null_reasons = _null_reasons()
    pairs = serializers.IntegerField()
    pairs_expected = serializers.IntegerField()
    matrix = serializers.DictField(
        child=serializers.DictField(child=FigureSerializer()),
        help_text="Each pair's turnover (\"KZ–UZ\") by basis.")


class TargetPaceSerializer(serializers.Serializer):
    target_value = serializers.FloatField()
    target_year = serializers.IntegerField()
    latest_year = serializers.IntegerField()
    latest_value = serializers.FloatField()
    required_growth = _number(help_text="% a year from the latest actual to the target.")
    observed_from_year = serializers.IntegerField(allow_null=True)
    observed_growth = _number(help_text="% a year over the observation window.")
    projected_value = _number(help_text="At the target year, at the observed pace.")
    reached_year = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(help_text="on track, at risk, off track, reached or unknown.")
    basis = serializers.CharField(allow_null=True)
    null_reasons = _null_reasons()
    target_source = serializers.CharField(
        help_text="Where the target was set: the commission's Target record, or as asked.")


class ProductRowSerializer(serializers.Serializer):
    hs4 = serializers.CharField()
    chapter_title = serializers.CharField()
    exports = serializers.FloatField()
    imports = serializers.FloatField()
    export_share = _number()
    import_share = _number()
    themes = serializers.ListField(child=serializers.CharField())


class ThemeShareSerializer(serializers.Serializer):
    title_en = serializers.CharField()
    title_ru = serializers.CharField()
    exports = serializers.FloatField()
    imports = serializers.FloatField()
    export_share = _number()
    import_share = _number()


class ThemeSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable code (charts key their colours by it).")
    titles = serializers.DictField(child=serializers.CharField(),
                                   help_text="The name in each language (en, ru, kk, uz).")
    hs_codes = serializers.CharField(help_text="HS codes and ranges: \"01-24, 8506-8507\".")
    is_builtin = serializers.BooleanField(help_text="Shipped with bilat, or the commission's.")


class ThemePointSerializer(serializers.Serializer):
    theme = serializers.CharField()
    year = serializers.IntegerField()
    direction = serializers.CharField(help_text="Exporter->importer: \"KZ->UZ\".")
    value = _number(help_text="US$.")
    share = _number(help_text="% of the direction's trade in the year.")
    growth = _number(help_text="% on the year before.")
    null_reasons = _null_reasons()


class ThemeSeriesSerializer(serializers.Serializer):
    reporter = serializers.CharField()
    partner = serializers.CharField()
    basis = serializers.CharField()
    report = serializers.CharField(help_text="Whose report each flow is read from.")
    provenance = serializers.CharField(
        help_text="sourced, derived, illustrative or synthetic: the weakest figure read "
                  "(the demo's HS6 sample is synthetic).")
    sources = serializers.ListField(child=serializers.CharField())
    years = serializers.ListField(child=serializers.IntegerField())
    themes = ThemeSerializer(many=True)
    points = ThemePointSerializer(many=True)


class PairProductsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    basis = serializers.CharField()
    source = serializers.CharField(allow_null=True)
    flag = serializers.CharField(allow_null=True)
    exports_total = serializers.FloatField()
    imports_total = serializers.FloatField()
    top_exports = ProductRowSerializer(many=True)
    top_imports = ProductRowSerializer(many=True)
    themes = serializers.DictField(child=ThemeShareSerializer())
    hhi_exports = _number()
    hhi_imports = _number()
    grubel_lloyd = _number()
    null_reasons = _null_reasons()
    report = serializers.CharField(help_text="Whose report each flow is read from, asked: "
                                             "exporter (default) or importer.")
    reports = serializers.DictField(child=serializers.CharField(),
                                    help_text="Whose report each direction's figures are.")
    report_sides = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(allow_null=True),
                                    min_length=2, max_length=2),
        help_text="For each direction, [reporter, side]: the country whose report the "
                  "figures are and whether it is the exporter's or the importer's report "
                  "([null, null] where neither side reports the flow).")


class RcaRowSerializer(serializers.Serializer):
    country = serializers.CharField()
    year = serializers.IntegerField()
    product = serializers.CharField(help_text="HS6 code.")
    value = serializers.FloatField()
    rca = serializers.FloatField()


class PotentialRowSerializer(serializers.Serializer):
    product = serializers.CharField(help_text="HS6 code.")
    description = serializers.CharField(allow_null=True)
    rca = _number()
    market_share = _number()
    demand = _number()
    demand_growth = serializers.FloatField()
    potential = _number()
    actual = serializers.FloatField()
    untapped = _number()


class DirectionalSerializer(serializers.Serializer):
    """A figure of the pair each way: its fields, then one key per direction (``"KZ->UZ"``)."""

    @classmethod
    def each_way(cls) -> serializers.Field:
        """The field of one direction's value."""
        raise NotImplementedError

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        field = self.each_way()
        for key, value in instance.by_direction.items():
            data[key] = None if value is None else field.to_representation(value)
        return data


class DirectionalIndexSerializer(DirectionalSerializer):
    year = serializers.IntegerField()
    basis = serializers.CharField()
    null_reasons = _null_reasons()

    @classmethod
    def each_way(cls) -> serializers.Field:
        return _number()


class ExportPotentialsSerializer(DirectionalSerializer):
    year = serializers.IntegerField()
    basis = serializers.CharField()

    @classmethod
    def each_way(cls) -> serializers.Field:
        return serializers.ListField(child=PotentialRowSerializer())


class PairPotentialSerializer(ExportPotentialsSerializer):
    definition = serializers.SerializerMethodField()

    @extend_schema_field(MetricSerializer)
    def get_definition(self, potentials: Any) -> dict[str, Any]:
        return MetricSerializer(METRICS["export_potential"]).data


class DirectionalSchema(OpenApiSerializerExtension):
    """The schema of a DirectionalSerializer: its fields, and any other key is a direction."""

    target_class = DirectionalSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        field = self.target.each_way()
        schema["additionalProperties"] = append_meta(
            auto_schema._map_serializer_field(field, direction),
            {**auto_schema._get_serializer_field_meta(field, direction),
             "description": "One key per direction, exporter->importer (\"KZ->UZ\")."},
        )
        return schema


class ProductIndicesSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    level = serializers.IntegerField(help_text="HS digits: 4 (headings) or 6 (subheadings).")
    basis = serializers.CharField()
    hhi_exports = _number()
    hhi_imports = _number()
    grubel_lloyd = _number()
    reports = serializers.DictField(child=serializers.CharField(),
                                    help_text="Whose report each direction's figures are.")


class PairIndicatorsSerializer(serializers.Serializer):
    reporter = serializers.CharField()
    partner = serializers.CharField()
    basis = serializers.CharField()
    year = serializers.IntegerField(allow_null=True,
                                    help_text="Null when the basis has no turnover.")
    unit = serializers.CharField()
    basis_reason = serializers.CharField(help_text="Which basis the answer is on, and why.")
    empty_reason = serializers.CharField(
        allow_null=True, help_text="Why there is no year to answer for (null when there is).")
    series = PairPeriodSerializer(many=True)
    definitions = serializers.DictField(child=MetricSerializer())
    current = PairPeriodSerializer(allow_null=True)
    growth = GrowthTableSerializer(allow_null=True)
    ytd = YtdComparisonSerializer(allow_null=True)
    mirror = MirrorRowSerializer(many=True, allow_null=True)
    share_of_reporter_region = ReporterRegionShareSerializer(allow_null=True)
    share_of_region = RegionShareSerializer(allow_null=True)
    target = TargetPaceSerializer(allow_null=True)
    products = PairProductsSerializer(allow_null=True)
    product_indices = ProductIndicesSerializer(
        many=True, allow_null=True,
        help_text="HHI and Grubel–Lloyd at HS4 and HS6 for every year with HS detail.")
    rca = serializers.DictField(child=RcaRowSerializer(many=True), allow_null=True,
                                help_text="Each country's products of highest RCA.")
    trade_intensity = DirectionalIndexSerializer(allow_null=True)
    complementarity = DirectionalIndexSerializer(allow_null=True)
    export_potential = ExportPotentialsSerializer(allow_null=True)


class CountryRcaSerializer(serializers.Serializer):
    basis = serializers.CharField()
    definition = serializers.SerializerMethodField()
    results = RcaRowSerializer(many=True)

    @extend_schema_field(MetricSerializer)
    def get_definition(self, answer: Any) -> dict[str, Any]:
        return MetricSerializer(METRICS["rca"]).data

"""REST API of the directory: sides, sectors, organisations, people, commission bodies (read-only).

Reference data is edited in the admin by administrators; the API serves it so that clients
can resolve the codes used elsewhere (organisation codes in imports, sector codes in filters).
"""

from rest_framework import serializers, viewsets

from bilat.core.api import ApiRouter

from .models import CommissionBody, Organisation, Person, Sector, Side


class SideSerializer(serializers.ModelSerializer):
    class Meta:
        model = Side
        fields = ["id", "code", "m49", "name_en", "name_ru"]


class SectorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Sector
        fields = ["id", "code", "name_en", "name_ru"]


class OrganisationSerializer(serializers.ModelSerializer):
    side = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "code", "name_en", "name_ru", "short_name", "kind", "side", "parent",
                  "provenance"]


class PersonSerializer(serializers.ModelSerializer):
    side = serializers.SlugRelatedField(slug_field="code", read_only=True)
    organisation = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "full_name_en", "full_name_ru", "position_en", "position_ru", "side",
                  "organisation", "provenance"]


class CommissionBodySerializer(serializers.ModelSerializer):
    sector = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    sides = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = CommissionBody
        fields = ["id", "code", "kind", "name_en", "name_ru", "parent", "sector", "sides",
                  "provenance"]


class SideViewSet(viewsets.ReadOnlyModelViewSet):
    """The member states of the commission."""

    queryset = Side.objects.all()
    serializer_class = SideSerializer
    pagination_class = None


class SectorViewSet(viewsets.ReadOnlyModelViewSet):
    """Fields of cooperation used to group decisions and projects."""

    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    pagination_class = None


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Ministries, agencies, companies and international bodies; filter by side, kind, code."""

    queryset = Organisation.objects.select_related("side", "parent")
    serializer_class = OrganisationSerializer
    filterset_fields = {"side__code": ["exact"], "kind": ["exact"], "code": ["exact"]}
    ordering_fields = ["code", "name_en"]


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People acting for the sides (co-chairs, delegates); signed-in users only."""

    queryset = Person.objects.select_related("side", "organisation")
    serializer_class = PersonSerializer
    filterset_fields = {"side__code": ["exact"]}

    def get_queryset(self):
        # Names and positions of officials are for the two administrations, not the public.
        qs = super().get_queryset()
        return qs if self.request.user.is_authenticated else qs.none()


class CommissionBodyViewSet(viewsets.ReadOnlyModelViewSet):
    """The commission, its subcommissions and working groups."""

    queryset = CommissionBody.objects.select_related("sector", "parent").prefetch_related("sides")
    serializer_class = CommissionBodySerializer
    pagination_class = None


def register(router: ApiRouter) -> None:
    """Add this app's view sets to the API router."""
    router.register("sides", SideViewSet, basename="side")
    router.register("sectors", SectorViewSet, basename="sector")
    router.register("organisations", OrganisationViewSet, basename="organisation")
    router.register("people", PersonViewSet, basename="person")
    router.register("commission-bodies", CommissionBodyViewSet, basename="commission-body")

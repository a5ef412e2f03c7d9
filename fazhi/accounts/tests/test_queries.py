"""Data scope: own unit and below; the supervisor everything; the 三员 no business data; nobody another district's."""

import pytest
from django.contrib.auth.models import AnonymousUser

from fazhi.accounts.actions import deactivate_user
from fazhi.accounts.models import RoleGrant, Unit, User
from fazhi.accounts.queries import scope_by_unit, unit_lineage, visible_units, visible_users
from fazhi.accounts.testing import make_user

ADMINS = {"sysadmin", "secadmin", "auditadmin"}


def expected_units(persona: User, all_units: list[Unit]) -> set[int]:
    """The rule, stated independently of the code: units whose path starts with the persona's unit's path."""
    if persona.has_role("supervisor"):
        return {unit.pk for unit in all_units}
    assert persona.unit is not None
    return {unit.pk for unit in all_units if unit.path.startswith(persona.unit.path)}


@pytest.fixture
def populated(org, personas):
    """Every unit of the org holds one member, so that every unit has rows to leak."""
    for index, unit in enumerate(org.all_units()):
        make_user(f"member{index}", f"成员{index}", unit)
    return personas


def test_scoped_queries_match_the_unit_rule_for_every_persona_and_every_unit(org, populated):
    all_units = org.all_units()
    for name, persona in populated.items():
        rows = scope_by_unit(User.objects.all(), persona)
        seen_units = set(rows.values_list("unit_id", flat=True))
        if name in ADMINS:
            assert seen_units == set(), name
            continue
        expected = expected_units(persona, all_units)
        assert seen_units == expected, name
        # The same rule across a relation (rows whose unit is reached through another table).
        grants = scope_by_unit(RoleGrant.objects.all(), persona, unit_field="user__unit")
        assert set(grants.values_list("user__unit_id", flat=True)) <= expected, name


def test_no_one_but_the_supervisor_sees_another_districts_rows(org, populated):
    futian_units = {unit.pk for unit in org.all_units() if unit.path.startswith(org.futian.path)}
    nanshan_units = {unit.pk for unit in org.all_units() if unit.path.startswith(org.nanshan.path)}
    for name, persona in populated.items():
        if name == "supervisor":
            continue
        for scoped in (scope_by_unit(User.objects.all(), persona), visible_users(persona)):
            seen = set(scoped.values_list("unit_id", flat=True))
            if name == "outsider":
                assert not seen & futian_units, name
            elif name not in ADMINS:
                assert not seen & nanshan_units, name


def test_an_inspector_cannot_see_another_districts_units(inspector, outsider, org):
    assert org.nanshan_squad1 not in visible_units(inspector)
    assert org.futian_squad1 not in visible_units(outsider)
    assert list(visible_units(inspector)) == [org.futian_squad1]


def test_a_director_sees_the_district_and_everything_below(director, org):
    assert set(visible_units(director)) == {
        org.futian,
        org.futian_brigade,
        org.futian_squad1,
        org.futian_squad2,
    }


def test_a_unit_path_prefix_does_not_match_a_sibling_with_a_longer_id(org):
    """ "/1/" must not match "/14/": the trailing slash is part of the prefix."""
    lookalike = Unit.objects.create(code="LOOK", name="仿冒", kind="squad", path=org.city.path.rstrip("/") + "4/")
    viewer = make_user("viewer", "查看", org.city, "lead")
    assert lookalike not in visible_units(viewer)


def test_the_supervisor_sees_everything_and_the_administrators_see_the_tree_but_no_business_data(
    supervisor, sysadmin, auditadmin, secadmin, org, inspector
):
    everything = set(Unit.objects.all())
    assert set(visible_units(supervisor)) == everything
    assert scope_by_unit(User.objects.all(), supervisor).count() == User.objects.count()
    for admin in (sysadmin, secadmin, auditadmin):
        assert set(visible_units(admin)) == everything
        assert inspector in visible_users(admin)
        assert not scope_by_unit(User.objects.all(), admin).exists()


def test_anonymous_and_deactivated_users_see_nothing(inspector, sysadmin):
    anonymous = AnonymousUser()
    assert not visible_units(anonymous).exists()
    assert not visible_users(anonymous).exists()
    assert not scope_by_unit(User.objects.all(), anonymous).exists()
    assert not scope_by_unit(User.objects.all(), None).exists()
    deactivate_user(actor=sysadmin, user=inspector)
    inspector.refresh_from_db()
    assert not visible_units(inspector).exists()


def test_a_staff_member_without_a_business_role_sees_no_business_data(org):
    nobody = make_user("norole", "无角色", org.futian)
    assert not scope_by_unit(User.objects.all(), nobody).exists()


def test_unit_lineage_lists_the_ancestors_from_the_root(org):
    assert unit_lineage(org.futian_squad1) == [org.city, org.futian, org.futian_brigade, org.futian_squad1]

"""三员分立: a change to a 三员 account is one 三员's request that another confirms (security review M4, ADR 0018)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.actions import (
    CHANGE_KINDS,
    TWO_PERSON_MESSAGE,
    ActionRefused,
    ChangeKind,
    InvalidAccountInput,
    change_password,
    clear_lockout,
    confirm_account_change,
    create_user,
    deactivate_user,
    end_user_sessions,
    expire_account_changes,
    grant_role,
    reactivate_user,
    refuse_account_change,
    request_account_change,
    revoke_role,
    withdraw_account_change,
)
from fazhi.accounts.models import AccountChangeRequest, ChangeRequestStatus, Role, User
from fazhi.accounts.testing import PERSONA_PASSWORD, make_user
from fazhi.journal.models import Entry

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Brand-New-Secret-2026"


def head() -> int:
    last = Entry.objects.order_by("-seq").first()
    return last.seq if last else 0


def entries_since(seq: int) -> list[Entry]:
    return list(Entry.objects.filter(seq__gt=seq).order_by("seq"))


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sessions_of(user: User) -> int:
    return sum(1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk))


def ask(actor: User, target: User, kind: str = "deactivate", **extra: Any) -> AccountChangeRequest:
    return request_account_change(actor=actor, target=target, kind=kind, reason="调离岗位", **extra)


def active(user: User) -> bool:
    return User.objects.get(pk=user.pk).is_active


# --- The review's attack: the system administrator alone silences the auditor -----------------------------------


def test_the_sysadmin_posting_the_admins_deactivate_on_the_audit_and_security_administrators_is_refused_and_journaled(
    sysadmin: User, secadmin: User, auditadmin: User
) -> None:
    auditor_browser = signed_in(auditadmin)
    start = head()
    response = signed_in(sysadmin).post(
        "/admin/accounts/user/",
        {"action": "deactivate_selected", "_selected_action": [str(auditadmin.pk), str(secadmin.pk)]},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "已停用" not in page
    assert page.count("三员账户须由一名三员提出申请、另一名三员确认后才能停用") == 2
    assert f'href="{reverse("accounts:change_new")}?target=auditadmin&amp;kind=deactivate"' in page
    assert active(auditadmin)
    assert active(secadmin)
    assert auditor_browser.get("/staff/").status_code == 200  # the auditor's session was not ended
    written = entries_since(start)
    refusals = [e for e in written if e.action == "accounts.user_deactivate"]
    assert sorted((e.outcome, e.object_id) for e in refusals) == sorted(
        ("refused", str(pk)) for pk in (auditadmin.pk, secadmin.pk)
    )
    assert {json.loads(e.after)["reason"] for e in refusals} == {TWO_PERSON_MESSAGE}
    assert [e.action for e in written if e.outcome == "success"] == ["accounts.login"]  # the sysadmin's browser


def test_the_sysadmin_still_deactivates_a_business_user_alone_from_the_admin(sysadmin: User, inspector: User) -> None:
    response = signed_in(sysadmin).post(
        "/admin/accounts/user/", {"action": "deactivate_selected", "_selected_action": [str(inspector.pk)]}, follow=True
    )
    assert "已停用 1 个账户" in response.content.decode()
    assert not active(inspector)


@pytest.mark.parametrize(
    "change",
    [
        lambda actor, target: deactivate_user(actor=actor, user=target),
        lambda actor, target: revoke_role(actor=actor, user=target, role=Role.AUDITADMIN),
        lambda actor, target: change_password(actor=actor, user=target, new_password=NEW_PASSWORD),
        lambda actor, target: end_user_sessions(actor=actor, user=target),
    ],
    ids=["deactivate", "revoke_role", "reset_password", "end_sessions"],
)
def test_every_direct_change_to_the_auditors_account_by_the_sysadmin_is_refused_and_journaled(
    sysadmin: User, auditadmin: User, change: Any
) -> None:
    browser = signed_in(auditadmin)
    password = User.objects.get(pk=auditadmin.pk).password
    start = head()
    with pytest.raises(ActionRefused, match="三员分立"):
        change(sysadmin, auditadmin)
    auditor = User.objects.get(pk=auditadmin.pk)
    assert (auditor.is_active, auditor.password, auditor.role_names) == (True, password, frozenset({"auditadmin"}))
    assert browser.get("/staff/").status_code == 200
    [entry] = entries_since(start)
    assert (entry.outcome, entry.actor_username) == ("refused", "sysadmin")


def test_the_sysadmin_can_neither_reactivate_a_disabled_administrator_nor_make_one_alone(
    sysadmin: User, secadmin: User, org: Any
) -> None:
    deactivate_user(actor=None, user=secadmin)
    with pytest.raises(ActionRefused, match="三员分立"):
        reactivate_user(actor=sysadmin, user=secadmin)
    assert not active(secadmin)
    newcomer = make_user("newcomer", "新同事", org.info_centre)
    with pytest.raises(ActionRefused, match="三员分立"):
        grant_role(actor=sysadmin, user=newcomer, role=Role.SYSADMIN)
    with pytest.raises(ActionRefused, match="三员分立"):
        create_user(
            actor=sysadmin,
            username="admin3",
            password=NEW_PASSWORD,
            full_name="第二管理员",
            unit=org.info_centre,
            roles=[Role.SECADMIN],
        )
    assert newcomer.role_names == frozenset()
    assert not User.objects.filter(username="admin3").exists()


def test_the_security_administrator_cannot_clear_an_administrators_lockout_alone(
    secadmin: User, auditadmin: User
) -> None:
    attempt = AccessAttempt.objects.create(
        username="auditadmin", ip_address="10.0.0.9", failures_since_start=9, user_agent="", get_data="", post_data=""
    )
    with pytest.raises(ActionRefused, match="三员分立"):
        clear_lockout(actor=secadmin, attempt_id=attempt.pk)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert Entry.objects.get(action="accounts.lockout_clear").outcome == "refused"
    page = signed_in(secadmin).get(reverse("accounts:lockouts")).content.decode()
    assert "target=auditadmin&amp;kind=clear_lockout" in page


# --- The two-person rule ---------------------------------------------------------------------------------------------


def test_the_sysadmin_asks_the_security_administrator_confirms_and_the_auditor_is_deactivated(
    sysadmin: User, secadmin: User, auditadmin: User
) -> None:
    browser = signed_in(auditadmin)
    start = head()
    request = ask(sysadmin, auditadmin)
    assert active(auditadmin)  # a request alone changes nothing
    assert browser.get("/staff/").status_code == 200
    confirm_account_change(actor=secadmin, request=request)
    assert not active(auditadmin)
    assert sessions_of(auditadmin) == 0
    assert browser.get("/staff/").status_code == 302
    request.refresh_from_db()
    assert (request.status, request.settled_by) == (ChangeRequestStatus.CONFIRMED, secadmin)
    asked, confirmed = entries_since(start)
    assert (asked.action, asked.actor_username, asked.actor_role, asked.outcome) == (
        "accounts.change_request",
        "sysadmin",
        "sysadmin",
        "success",
    )
    assert (confirmed.action, confirmed.actor_username, confirmed.actor_role) == (
        "accounts.change_confirm",
        "secadmin",
        "secadmin",
    )
    assert json.loads(confirmed.before) == {"username": "auditadmin", "is_active": True}
    after = json.loads(confirmed.after)
    assert after["is_active"] is False
    assert after["sessions_ended"] == 1
    assert (after["kind"], after["requested_by"], after["request"]) == ("deactivate", "sysadmin", request.pk)


def test_the_auditor_cannot_confirm_a_request_about_their_own_account(
    sysadmin: User, secadmin: User, auditadmin: User
) -> None:
    request = ask(sysadmin, auditadmin)
    start = head()
    with pytest.raises(ActionRefused, match="本人账户"):
        confirm_account_change(actor=auditadmin, request=request)
    with pytest.raises(ActionRefused, match="本人账户"):
        refuse_account_change(actor=auditadmin, request=request)
    assert active(auditadmin)
    assert AccountChangeRequest.objects.get(pk=request.pk).status == ChangeRequestStatus.PENDING
    assert [(e.action, e.outcome) for e in entries_since(start)] == [
        ("accounts.change_confirm", "refused"),
        ("accounts.change_refuse", "refused"),
    ]


def test_the_requester_cannot_confirm_their_own_request(sysadmin: User, secadmin: User, auditadmin: User) -> None:
    request = ask(sysadmin, auditadmin)
    with pytest.raises(ActionRefused, match="本人提出的申请"):
        confirm_account_change(actor=sysadmin, request=request)
    assert active(auditadmin)
    assert Entry.objects.filter(action="accounts.change_confirm", outcome="refused").count() == 1


def test_two_system_administrators_together_are_still_one_of_the_three(
    sysadmin: User, secadmin: User, auditadmin: User, org: Any
) -> None:
    second = make_user("sysadmin2", "钱进", org.info_centre, Role.SYSADMIN)
    request = ask(sysadmin, auditadmin)
    with pytest.raises(ActionRefused, match="不同的三员角色"):
        confirm_account_change(actor=second, request=request)
    assert active(auditadmin)


def test_a_business_user_can_neither_ask_nor_confirm(
    sysadmin: User, secadmin: User, auditadmin: User, director: User
) -> None:
    with pytest.raises(ActionRefused, match="只有系统管理员、安全管理员和审计管理员"):
        ask(director, auditadmin)
    request = ask(sysadmin, auditadmin)
    with pytest.raises(ActionRefused, match="只有系统管理员、安全管理员和审计管理员"):
        confirm_account_change(actor=director, request=request)
    assert active(auditadmin)


def test_a_three_member_never_asks_about_their_own_account(secadmin: User) -> None:
    with pytest.raises(ActionRefused, match="本人的账户"):
        ask(secadmin, secadmin)
    assert not AccountChangeRequest.objects.exists()
    assert Entry.objects.get(action="accounts.change_request").outcome == "refused"


def test_business_users_need_no_request(sysadmin: User, inspector: User) -> None:
    with pytest.raises(InvalidAccountInput, match="业务人员的账户由系统管理员直接管理"):
        ask(sysadmin, inspector)
    assert not Entry.objects.filter(action="accounts.change_request").exists()


def test_the_last_system_administrator_stays_even_with_two_others_agreeing(
    sysadmin: User, secadmin: User, auditadmin: User
) -> None:
    with pytest.raises(ActionRefused, match="最后一名系统管理员"):
        ask(secadmin, sysadmin)
    with pytest.raises(ActionRefused, match="最后一名系统管理员"):
        ask(secadmin, sysadmin, kind="revoke_role", params={"role": "sysadmin"})
    assert active(sysadmin)


def test_the_last_system_administrator_rule_is_checked_again_at_confirmation(
    sysadmin: User, secadmin: User, auditadmin: User, org: Any
) -> None:
    second = make_user("sysadmin2", "钱进", org.info_centre, Role.SYSADMIN)
    first_request = ask(secadmin, sysadmin)
    second_request = ask(secadmin, second)
    confirm_account_change(actor=auditadmin, request=first_request)
    with pytest.raises(ActionRefused, match="最后一名系统管理员"):
        confirm_account_change(actor=auditadmin, request=second_request)
    assert not active(sysadmin)
    assert active(second)


def test_a_request_is_refused_by_another_three_member_and_changes_nothing(
    sysadmin: User, secadmin: User, auditadmin: User
) -> None:
    request = ask(sysadmin, auditadmin)
    refuse_account_change(actor=secadmin, request=request, note="理由不充分")
    request.refresh_from_db()
    assert (request.status, request.settle_note) == (ChangeRequestStatus.REFUSED, "理由不充分")
    assert active(auditadmin)
    with pytest.raises(InvalidAccountInput, match="已拒绝"):
        confirm_account_change(actor=secadmin, request=request)
    entry = Entry.objects.get(action="accounts.change_refuse")
    assert json.loads(entry.after)["note"] == "理由不充分"


def test_only_the_requester_withdraws_a_request(sysadmin: User, secadmin: User, auditadmin: User) -> None:
    request = ask(sysadmin, auditadmin)
    with pytest.raises(ActionRefused, match="只有申请人本人"):
        withdraw_account_change(actor=secadmin, request=request)
    withdraw_account_change(actor=sysadmin, request=request)
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.WITHDRAWN
    with pytest.raises(InvalidAccountInput, match="已撤回"):
        confirm_account_change(actor=secadmin, request=request)
    assert active(auditadmin)
    assert [e.outcome for e in Entry.objects.filter(action="accounts.change_withdraw").order_by("seq")] == [
        "refused",
        "success",
    ]


def test_a_request_expires_after_three_days_unconfirmed(sysadmin: User, secadmin: User, auditadmin: User) -> None:
    asked_at = timezone.now()
    with time_machine.travel(asked_at, tick=False):
        request = ask(sysadmin, auditadmin)
    assert request.expires_at == asked_at + dt.timedelta(days=3)
    with time_machine.travel(asked_at + dt.timedelta(days=3, seconds=1), tick=False):
        with pytest.raises(InvalidAccountInput, match="已过期"):
            confirm_account_change(actor=secadmin, request=request)
        assert active(auditadmin)
        assert "待您确认" not in signed_in(secadmin).get("/staff/").content.decode()
        start = head()
        call_command("expire_account_change_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert expire_account_changes() == 0  # already marked
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.EXPIRED
    [entry] = entries_since(start)
    assert (entry.action, entry.actor_username, entry.object_id) == ("accounts.change_expire", "", str(request.pk))


def test_the_expiry_follows_the_setting(sysadmin: User, auditadmin: User, settings: Any) -> None:
    settings.FAZHI_ACCOUNT_CHANGE_REQUEST_DAYS = 7
    request = ask(sysadmin, auditadmin)
    assert request.expires_at - request.requested_at == dt.timedelta(days=7)


def test_a_password_reset_keeps_only_a_hash_until_it_is_confirmed_and_never_journals_it(
    sysadmin: User, secadmin: User, auditadmin: User
) -> None:
    request = ask(sysadmin, auditadmin, kind="reset_password", secret=NEW_PASSWORD)
    stored = AccountChangeRequest.objects.get(pk=request.pk)
    assert stored.secret
    assert NEW_PASSWORD not in stored.secret
    assert User.objects.get(pk=auditadmin.pk).check_password(PERSONA_PASSWORD)
    confirm_account_change(actor=secadmin, request=request)
    auditor = User.objects.get(pk=auditadmin.pk)
    assert auditor.check_password(NEW_PASSWORD)
    assert AccountChangeRequest.objects.get(pk=request.pk).secret == ""
    for entry in Entry.objects.filter(action__startswith="accounts.change_"):
        assert NEW_PASSWORD not in (entry.before or "") + (entry.after or "")
        assert stored.secret not in (entry.before or "") + (entry.after or "")


def test_a_weak_password_is_refused_when_asked_and_nothing_is_written(sysadmin: User, auditadmin: User) -> None:
    with pytest.raises(InvalidAccountInput, match="密码不符合要求"):
        ask(sysadmin, auditadmin, kind="reset_password", secret="short")
    assert not AccountChangeRequest.objects.exists()


def test_an_administrators_lockout_is_cleared_by_two(sysadmin: User, secadmin: User, auditadmin: User) -> None:
    for address in ("10.0.0.8", "10.0.0.9"):
        AccessAttempt.objects.create(
            username="auditadmin", ip_address=address, failures_since_start=9, user_agent="", get_data="", post_data=""
        )
    request = ask(secadmin, auditadmin, kind="clear_lockout")
    confirm_account_change(actor=sysadmin, request=request)
    assert not AccessAttempt.objects.filter(username="auditadmin").exists()
    assert json.loads(Entry.objects.get(action="accounts.change_confirm").after)["failure_records_cleared"] == 2


def test_an_account_becomes_an_administrators_only_by_two(
    sysadmin: User, secadmin: User, auditadmin: User, org: Any
) -> None:
    newcomer = make_user("newcomer", "新同事", org.info_centre)
    request = ask(sysadmin, newcomer, kind="grant_role", params={"role": "secadmin"})
    confirm_account_change(actor=auditadmin, request=request)
    assert User.objects.get(pk=newcomer.pk).role_names == {"secadmin"}
    # The role rules still hold at confirmation: a 三员 does no casework.
    with pytest.raises(ActionRefused, match="不得兼任"):
        ask(sysadmin, newcomer, kind="grant_role", params={"role": "lead"})


def test_a_disabled_administrator_is_reactivated_by_two(sysadmin: User, secadmin: User, auditadmin: User) -> None:
    confirm_account_change(actor=secadmin, request=ask(sysadmin, auditadmin))
    confirm_account_change(actor=secadmin, request=ask(sysadmin, auditadmin, kind="reactivate"))
    assert active(auditadmin)


def test_the_same_request_is_not_asked_twice_while_it_waits(sysadmin: User, secadmin: User, auditadmin: User) -> None:
    ask(sysadmin, auditadmin)
    with pytest.raises(InvalidAccountInput, match="相同的待确认申请"):
        ask(secadmin, auditadmin)


def test_a_second_confirmation_finds_the_request_settled(
    sysadmin: User, secadmin: User, auditadmin: User, org: Any
) -> None:
    request = ask(sysadmin, auditadmin)
    confirm_account_change(actor=secadmin, request=request)
    other_secadmin = make_user("secadmin2", "吴昊", org.info_centre, Role.SECADMIN)
    with pytest.raises(InvalidAccountInput, match="已确认生效"):
        confirm_account_change(actor=other_secadmin, request=request)
    assert Entry.objects.filter(action="accounts.change_confirm").count() == 1


def test_a_kind_registered_by_another_module_goes_through_the_same_rule(
    sysadmin: User, secadmin: User, auditadmin: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    done: list[str] = []

    def check(target: User, params: Mapping[str, Any]) -> str | None:
        return None

    def apply(target: User, params: Mapping[str, Any], secret: str) -> tuple[dict[str, Any], dict[str, Any]]:
        done.append(target.username)
        return {"second_factor": "enrolled"}, {"second_factor": "reset"}

    kind = ChangeKind("reset_second_factor", "重置第二因素", check, apply)
    monkeypatch.setitem(CHANGE_KINDS, "reset_second_factor", kind)
    request = ask(sysadmin, auditadmin, kind="reset_second_factor")
    with pytest.raises(ActionRefused):
        confirm_account_change(actor=auditadmin, request=request)
    assert done == []
    confirm_account_change(actor=secadmin, request=request)
    assert done == ["auditadmin"]
    confirmed = Entry.objects.get(action="accounts.change_confirm", outcome="success")
    assert json.loads(confirmed.after)["second_factor"] == "reset"


# --- The pages -------------------------------------------------------------------------------------------------------


def test_the_pages_take_a_request_show_it_to_the_other_two_and_confirm_it(
    sysadmin: User, secadmin: User, auditadmin: User
) -> None:
    admin_browser = signed_in(sysadmin)
    form = admin_browser.get(reverse("accounts:change_new") + "?target=auditadmin&kind=deactivate")
    assert form.status_code == 200
    assert '<option value="auditadmin" selected>' in form.content.decode()
    response = admin_browser.post(
        reverse("accounts:change_new"), {"target": "auditadmin", "kind": "deactivate", "reason": "调离岗位"}
    )
    assert response.status_code == 302
    request = AccountChangeRequest.objects.get()
    assert "已提出第" in admin_browser.get(reverse("accounts:changes")).content.decode()

    security_browser = signed_in(secadmin)
    home = security_browser.get("/staff/").content.decode()
    assert "待您确认的三员账户变更申请（1）" in home
    assert "三员账户变更" in home
    listing = security_browser.get(reverse("accounts:changes")).content.decode()
    assert reverse("accounts:change_confirm", args=[request.pk]) in listing
    auditor_listing = signed_in(auditadmin).get(reverse("accounts:changes")).content.decode()
    assert reverse("accounts:change_confirm", args=[request.pk]) not in auditor_listing
    assert "待您确认" not in signed_in(auditadmin).get("/staff/").content.decode()

    done = security_browser.post(reverse("accounts:change_confirm", args=[request.pk]), follow=True)
    assert "变更已生效" in done.content.decode()
    assert not active(auditadmin)


def test_the_request_form_says_what_is_wrong_in_chinese_and_keeps_the_reason(sysadmin: User, inspector: User) -> None:
    response = signed_in(sysadmin).post(
        reverse("accounts:change_new"), {"target": "inspector", "kind": "deactivate", "reason": "调离岗位"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "业务人员的账户由系统管理员直接管理" in page
    assert "调离岗位" in page
    response = signed_in(sysadmin).post(
        reverse("accounts:change_new"), {"target": "nobody", "kind": "fly", "reason": "\u202e"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("没有这个选项，请重新选择。") == 2
    assert "改变文字显示方向" in page


def test_a_business_user_cannot_open_the_page_and_the_refusal_is_journaled(inspector: User) -> None:
    assert signed_in(inspector).get(reverse("accounts:changes")).status_code == 403
    assert Entry.objects.filter(action="access.refused", actor_username="inspector").exists()


def test_the_admin_page_of_an_administrator_links_to_the_request_form(sysadmin: User, auditadmin: User) -> None:
    page = signed_in(sysadmin).get(f"/admin/accounts/user/{auditadmin.pk}/change/").content.decode()
    assert "提出变更申请（须另一名三员确认）" in page

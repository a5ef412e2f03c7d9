import pytest

from fazhi.accounts.models import User
from fazhi.api.errors import describe_errors


def test_a_missing_and_a_malformed_field_are_both_named_in_chinese() -> None:
    message = describe_errors(
        [
            {"loc": ("query", "start"), "type": "date_from_datetime_parsing", "msg": "Input should be a valid date"},
            {"loc": ("query", "days"), "type": "missing", "msg": "Field required"},
        ]
    )
    assert message == "请求参数有误 — start：不是有效的日期（格式 YYYY-MM-DD）；days：必须填写"


def test_an_unknown_error_type_still_gets_a_chinese_reason() -> None:
    assert describe_errors([{"loc": ("body", "payload", "name"), "type": "weird"}]) == "请求参数有误 — name：取值无效"


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_answered_in_chinese(inspector: User) -> None:
    from django.test import Client

    from fazhi.api.tests.helpers import bearer, token_for

    response = Client().post(
        "/api/v1/cases", data="{not json", content_type="application/json", headers=bearer(token_for(inspector))
    )
    assert response.status_code == 400
    assert response.json()["message"] == "请求内容不是有效的 JSON"


@pytest.mark.django_db
def test_a_body_over_the_upload_limit_gets_the_apis_json_error_in_chinese_with_413(inspector: User) -> None:
    """Security review I7: a 3.8 MB JSON body got Django's English HTML 400."""
    import json

    from django.test import Client

    from fazhi.api.tests.helpers import bearer, token_for

    body = json.dumps({"summary": "欠" * 3_800_000, "employer_name": "某公司"})
    response = Client().post(
        "/api/v1/cases", data=body, content_type="application/json", headers=bearer(token_for(inspector))
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"].startswith("请求内容过大")

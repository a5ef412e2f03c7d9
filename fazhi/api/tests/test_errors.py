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

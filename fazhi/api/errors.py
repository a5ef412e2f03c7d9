"""Error answers of the API: the same shape everywhere, with a message in Chinese a clerk can read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

# Pydantic error types → Chinese wording.
_TYPE_MESSAGES = {
    "missing": "必须填写",
    "date_from_datetime_parsing": "不是有效的日期（格式 YYYY-MM-DD）",
    "date_parsing": "不是有效的日期（格式 YYYY-MM-DD）",
    "date_from_datetime_inexact": "不是有效的日期（格式 YYYY-MM-DD）",
    "date_type": "不是有效的日期（格式 YYYY-MM-DD）",
    "datetime_parsing": "不是有效的时间",
    "datetime_from_date_parsing": "不是有效的时间",
    "int_parsing": "必须是整数",
    "int_type": "必须是整数",
    "int_from_float": "必须是整数",
    "bool_parsing": "必须是 true 或 false",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "greater_than": "数值太小",
    "greater_than_equal": "数值太小",
    "less_than": "数值太大",
    "less_than_equal": "数值太大",
    "string_too_long": "内容太长",
    "string_too_short": "内容太短",
    "json_invalid": "请求内容不是有效的 JSON",
    "model_attributes_type": "请求内容格式不对",
    "extra_forbidden": "不是可用的字段",
    "decimal_parsing": "应为数字",
    "decimal_max_places": "最多两位小数",
}


def _field_name(loc: Sequence[Any]) -> str:
    # ninja prefixes the location with "query", "path", "body"…; the last parts name the field.
    parts = [str(p) for p in loc[1:] if str(p) not in {"payload", "body"}]
    return ".".join(parts) or "请求"


def describe_errors(errors: Sequence[Mapping[str, Any]]) -> str:
    """One Chinese sentence naming every field that was wrong and why."""
    pieces = []
    for error in errors:
        field = _field_name(error.get("loc", ()))
        reason = _TYPE_MESSAGES.get(str(error.get("type", "")), "取值无效")
        pieces.append(f"{field}：{reason}")
    return "请求参数有误 — " + "；".join(pieces) if pieces else "请求参数有误"


def install_error_handlers(api: NinjaAPI) -> None:
    def on_validation_error(request: HttpRequest, exc: Any) -> HttpResponse:  # ninja types this loosely
        return api.create_response(request, {"message": describe_errors(exc.errors), "detail": exc.errors}, status=422)

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        detail = str(exc)
        unreadable = exc.status_code == 400 and detail.startswith("Cannot parse request body")
        message = "请求内容不是有效的 JSON" if unreadable else detail
        return api.create_response(request, {"message": message, "detail": detail}, status=exc.status_code)

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"message": "未找到", "detail": "Not Found"}, status=404)

    def on_authentication_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"message": "请先登录", "detail": "Unauthorized"}, status=401)

    def on_too_big(request: HttpRequest, exc: Any) -> HttpResponse:
        # A body over DATA_UPLOAD_MAX_MEMORY_SIZE (security review I7): the API's shape, not Django's English 400.
        message = "请求内容过大，请分次提交（证据文件请用上传接口）"
        return api.create_response(request, {"message": message, "detail": "Payload Too Large"}, status=413)

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(AuthenticationError, on_authentication_error)

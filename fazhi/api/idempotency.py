"""`Idempotency-Key` on the POSTs: a retried request applies once.

The key is claimed (a row inserted) at the start of the action's transaction and filled with the answer before it
commits, so the key and the change it answers are written together or not at all. A concurrent twin waits on the
unique index (PostgreSQL) or on the write lock (SQLite), then finds the key taken and gets the stored answer. Only
successful answers are kept: after a refusal, a conflict or a rule that said no, nothing changed, so a retry with the
same key simply tries again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Status
from ninja.errors import HttpError
from pydantic import BaseModel

from fazhi.accounts.models import User
from fazhi.api.models import IdempotencyKey

HEADER = "Idempotency-Key"
KEY_PATTERN = r"^[\x21-\x7e]{1,100}$"  # visible ASCII, e.g. a UUID
REPLAY_HEADER = "Idempotent-Replayed"
KEY_REUSED = "Idempotency-Key 已用于另一个请求（请求内容或地址不同）；重试时请原样提交，新的请求请使用新的键。"
STILL_RUNNING = "使用同一 Idempotency-Key 的请求正在处理，请稍后重试。"


def fingerprint(body: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON of the (validated) body: key order and spacing do not matter."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _request_line(request: HttpRequest) -> str:
    return f"{request.method} {request.path}"[:300]


def _replay(row: IdempotencyKey, request_line: str, digest: str) -> HttpResponse:
    if row.request != request_line or row.fingerprint != digest:
        raise HttpError(422, KEY_REUSED)
    if row.response_status == 0:  # cannot be seen committed; kept for safety
        raise HttpError(409, STILL_RUNNING)
    response = JsonResponse(row.response_body, status=row.response_status, json_dumps_params={"ensure_ascii": False})
    response[REPLAY_HEADER] = "true"
    return response


def stored(user: User, key: str) -> IdempotencyKey | None:
    return IdempotencyKey.objects.filter(user=user, key=key).first()


class _KeyTaken(Exception):
    pass


def _dump(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def run_once(
    request: HttpRequest,
    *,
    user: User,
    key: str | None,
    body: BaseModel,
    act: Callable[[], Status[Any]],
) -> Status[Any] | HttpResponse:
    """Run `act` (which answers with a Status and catches its own errors) in one transaction with the key's row.

    Without a key, `act` simply runs. With a key seen before: the stored answer, or 422 if the request differs."""
    if not key:
        with transaction.atomic():
            return act()
    request_line = _request_line(request)
    digest = fingerprint(body.model_dump(mode="json"))
    seen = stored(user, key)
    if seen is not None:
        return _replay(seen, request_line, digest)
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = IdempotencyKey.objects.create(
                        user=user,
                        key=key,
                        request=request_line,
                        fingerprint=digest,
                        response_status=0,
                        response_body={},
                    )
            except IntegrityError as exc:
                raise _KeyTaken from exc
            answer = act()
            if 200 <= answer.status_code < 300:
                claim.response_status = answer.status_code
                claim.response_body = _dump(answer.value)
                claim.save(update_fields=["response_status", "response_body"])
            else:
                claim.delete()
            return answer
    except _KeyTaken:  # a concurrent twin committed the key between our look and our claim
        seen = stored(user, key)
        if seen is None:
            raise HttpError(409, STILL_RUNNING) from None
        return _replay(seen, request_line, digest)

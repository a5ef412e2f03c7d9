"""The complaint form's human check (security review L6: scripted spam became real cases)."""

import base64
import io
import re
import time

from django.conf import settings as django_settings
from django.core import checks
from django.test import Client
from PIL import Image

from conftest import CAPTCHA_ANSWER
from fazhi.cases.models import Case
from fazhi.complaints import challenge
from fazhi.complaints.tests.test_complaints import complaint

ADDRESS = "203.0.113.9"


def opened(client: Client | None = None) -> Client:
    client = client or Client()
    client.get("/complaints/", REMOTE_ADDR=ADDRESS)
    return client


def post(client: Client, **overrides: str):
    return client.post("/complaints/", complaint(**overrides), REMOTE_ADDR=ADDRESS)


def test_the_tests_run_with_the_check_on_by_default():
    assert django_settings.FAZHI_COMPLAINT_CHALLENGE == "captcha"


def test_the_form_shows_an_image_to_read_with_a_chinese_label_a_new_image_link_and_a_text_alternative(org):
    page = Client().get("/complaints/").content.decode()
    assert "请输入图中的字符" in page
    assert "换一张" in page
    alt = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)"[^>]*alt="([^"]+)"', page)
    assert alt is not None
    assert "12333" in alt.group(2)
    image = Image.open(io.BytesIO(base64.b64decode(alt.group(1))))
    assert image.format == "PNG"
    assert image.size == (challenge.WIDTH, challenge.HEIGHT)


def test_the_session_keeps_only_a_keyed_hash_of_the_answer(org):
    client = opened()
    stored = client.session[challenge.SESSION_KEY]
    assert CAPTCHA_ANSWER not in str(stored)
    assert set(stored) == {"nonce", "digest", "expires"}


def test_a_robot_that_never_opened_the_form_files_nothing(org):
    response = Client().post("/complaints/", complaint(), REMOTE_ADDR=ADDRESS)
    assert response.status_code == 400
    assert challenge.EXPIRED in response.content.decode()
    assert not Case.objects.exists()


def test_a_robot_without_the_answer_files_no_anonymous_report(org):
    anonymous = {"source": "report", "anonymous": "on", "complainant_name": "", "complainant_id_number": ""}
    response = post(opened(), **anonymous, captcha="")
    assert response.status_code == 400
    assert challenge.MISSING in response.content.decode()
    assert not Case.objects.exists()


def test_a_wrong_answer_files_nothing_keeps_everything_typed_and_shows_a_new_image(org):
    client = opened()
    first = client.session[challenge.SESSION_KEY]["digest"]
    response = post(client, captcha="AAAAA")
    page = response.content.decode()
    assert response.status_code == 400
    assert challenge.WRONG in page
    for typed in ("赵小梅", "深圳市某某电子有限公司", "深圳市南山区粤海街道科技园路1号", "17400"):
        assert typed in page
    assert 'name="captcha" id="id_captcha" value=""' in page  # the old answer is not put back
    assert client.session[challenge.SESSION_KEY]["digest"] != first
    assert not Case.objects.exists()
    # The new image, read correctly, files it.
    assert post(client).status_code == 302
    assert Case.objects.count() == 1


def test_a_solved_answer_replayed_files_nothing_more(org):
    client = opened()
    assert post(client).status_code == 302
    replayed = post(client)
    assert replayed.status_code == 400
    assert challenge.EXPIRED in replayed.content.decode()
    assert Case.objects.count() == 1


def test_one_image_takes_one_guess_only(org):
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    request = RequestFactory().post("/complaints/")
    request.session = SessionStore()
    check = challenge.ImageCaptcha()
    check.issue(request)
    assert check.verify(request, "AAAAA") == challenge.WRONG
    assert check.verify(request, CAPTCHA_ANSWER) == challenge.EXPIRED  # the right answer, too late: the image is gone


def test_an_answer_after_the_image_expired_is_refused(org, monkeypatch):
    client = opened()
    later = time.time() + challenge.LIFETIME_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response = post(client)
    assert response.status_code == 400
    assert challenge.EXPIRED in response.content.decode()
    assert not Case.objects.exists()


def test_the_answer_is_read_without_regard_to_case_spaces_or_full_width_characters(org):
    assert post(opened(), captcha=" ｋ7pxＷ ").status_code == 302


def test_a_new_image_replaces_the_old_one_without_touching_the_form(org):
    client = opened()
    first = client.session[challenge.SESSION_KEY]["digest"]
    fragment = client.get("/complaints/challenge/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert 'id="complaint-challenge"' in fragment.content.decode()
    assert "<form" not in fragment.content.decode()
    assert client.session[challenge.SESSION_KEY]["digest"] != first
    # Without script, the link leads back to the form.
    assert client.get("/complaints/challenge/")["Location"] == "/complaints/"


def test_with_the_check_turned_off_the_form_asks_nothing_more(org, settings):
    settings.FAZHI_COMPLAINT_CHALLENGE = "none"
    assert "请输入图中的字符" not in Client().get("/complaints/").content.decode()
    assert Client().post("/complaints/", complaint(captcha=""), REMOTE_ADDR=ADDRESS).status_code == 302


def test_an_unknown_check_is_named_by_the_system_check(settings):
    settings.FAZHI_COMPLAINT_CHALLENGE = "carrier-pigeon"
    errors = [message for message in checks.run_checks() if message.id == "complaints.E001"]
    assert errors
    assert "FAZHI_COMPLAINT_CHALLENGE" in errors[0].msg


def test_a_check_of_ones_own_is_named_by_its_path(org, settings):
    settings.FAZHI_COMPLAINT_CHALLENGE = "fazhi.complaints.challenge.NoChallenge"
    assert isinstance(challenge.current(), challenge.NoChallenge)


def test_every_image_is_different(org):
    assert challenge.draw("ACDEF") != challenge.draw("ACDEF")

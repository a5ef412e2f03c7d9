"""The human check of the public complaint form, beyond the honeypot (security review L6: scripted spam became real
cases, each with a statutory acceptance period and, later, a supervision alert).

`FAZHI_COMPLAINT_CHALLENGE` chooses it (docs/configuration.md):

- `"captcha"` (default): an image of `LENGTH` characters drawn on the server with Pillow (no third-party service,
  nothing fetched by the visitor's browser from elsewhere), put into the page as a `data:` image. Only a keyed hash of
  the answer is kept, in the visitor's server-side session, with its expiry (`LIFETIME_SECONDS`). An answer is checked
  once: right or wrong, the stored challenge is gone, and the form shows a new image (a script can neither replay a
  solved answer nor try many answers against one image). A visitor who cannot see the image is told the other ways to
  file (12333, the bureau's window).
- `"none"`: no check (the honeypot and the rate limit only), e.g. behind a gateway that checks people itself.
- a dotted path to a class of your own with the two methods of `Challenge`.

An SMS check. Fazhi sends no SMS today (no sender exists), so there is none built in; one would be a class with the same
two methods: `issue` returns a prompt whose template shows a field for the code and a button posting the typed mobile
number to a view of its own that sends a code (rate-limited like the form) and keeps its keyed hash in the session, as
here; `verify` compares the code typed with that hash for the number the form carries, once.
"""

from __future__ import annotations

import base64
import io
import math
import secrets
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.module_loading import import_string

ANSWER_FIELD = "captcha"
SESSION_KEY = "complaints:challenge"
# Letters and digits a person does not confuse (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B).
ALPHABET = "ACDEFHJKMNPRTUVWXY34579"
LENGTH = 5
LIFETIME_SECONDS = 30 * 60  # long enough to write the facts of a complaint
WIDTH, HEIGHT = 180, 60

MISSING = "请输入图中的字符。"
EXPIRED = "验证图片已过期，请输入新图中的字符。"
WRONG = "图中的字符输入有误，请输入新图中的字符。"


@dataclass(frozen=True)
class Prompt:
    """What the form shows of a challenge: a template of its own and the template's context."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)


class Challenge(Protocol):
    def issue(self, request: HttpRequest) -> Prompt | None:
        """A new challenge for this visitor (whatever was pending is replaced); None when there is nothing to show."""

    def verify(self, request: HttpRequest, answer: str) -> str | None:
        """Use up this visitor's challenge: None when `answer` passes it, else a Chinese message for the form."""


class NoChallenge:
    def issue(self, request: HttpRequest) -> Prompt | None:
        return None

    def verify(self, request: HttpRequest, answer: str) -> str | None:
        return None


def new_answer() -> str:
    """The characters of a new image, drawn by the operating system's random source."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def _digest(nonce: str, answer: str) -> str:
    return salted_hmac("fazhi.complaints.challenge", f"{nonce}:{answer}", algorithm="sha256").hexdigest()


def _normalise(typed: str) -> str:
    # Full-width letters and digits (an IME left on) read as the ASCII ones; case and spaces do not matter.
    return "".join(unicodedata.normalize("NFKC", typed).split()).upper()


class ImageCaptcha:
    def issue(self, request: HttpRequest) -> Prompt | None:
        answer, nonce = new_answer(), secrets.token_hex(16)
        request.session[SESSION_KEY] = {
            "nonce": nonce,
            "digest": _digest(nonce, answer),
            "expires": time.time() + LIFETIME_SECONDS,
        }
        image = base64.b64encode(draw(answer)).decode("ascii")
        return Prompt(
            template="complaints/_captcha.html",
            context={"image": f"data:image/png;base64,{image}", "length": LENGTH, "field": ANSWER_FIELD},
        )

    def verify(self, request: HttpRequest, answer: str) -> str | None:
        pending = request.session.pop(SESSION_KEY, None)  # one use, whatever the answer
        typed = _normalise(answer)
        if not typed:
            return MISSING
        if not isinstance(pending, dict) or float(pending.get("expires", 0)) < time.time():
            return EXPIRED
        if not constant_time_compare(_digest(str(pending.get("nonce", "")), typed), str(pending.get("digest", ""))):
            return WRONG
        return None


def draw(answer: str) -> bytes:
    """A PNG of `answer`: each character turned and shifted a little, over crossing lines and dots."""
    from PIL import Image, ImageDraw, ImageFont

    rng = secrets.SystemRandom()
    image = Image.new("RGB", (WIDTH, HEIGHT), (244, 246, 250))
    pen = ImageDraw.Draw(image)
    for _ in range(5):
        pen.line(
            [(rng.randint(0, WIDTH), rng.randint(0, HEIGHT)), (rng.randint(0, WIDTH), rng.randint(0, HEIGHT))],
            fill=(rng.randint(120, 190), rng.randint(120, 190), rng.randint(120, 190)),
            width=2,
        )
    font = ImageFont.load_default(size=34)
    step = (WIDTH - 40) / len(answer)
    for i, char in enumerate(answer):
        glyph = Image.new("RGBA", (48, 56), (0, 0, 0, 0))
        color = (rng.randint(10, 80), rng.randint(10, 80), rng.randint(60, 120), 255)
        ImageDraw.Draw(glyph).text((8, 6), char, font=font, fill=color)
        glyph = glyph.rotate(rng.uniform(-28, 28), resample=Image.Resampling.BICUBIC, expand=False)
        x = int(6 + i * step + rng.uniform(-2, 2))
        y = int(rng.uniform(0, 5))
        image.paste(glyph, (x, y), glyph)
    for _ in range(220):
        x, y = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        shade = rng.randint(90, 200)
        pen.point((x, y), fill=(shade, shade, shade))
    # A wave across the characters, so that a plain threshold does not separate them.
    points = [(x, HEIGHT / 2 + 9 * math.sin(x / 17 + rng.uniform(0, 6.3))) for x in range(0, WIDTH, 4)]
    pen.line(points, fill=(70, 70, 110), width=2)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


BUILT_IN: dict[str, type[Challenge]] = {"captcha": ImageCaptcha, "none": NoChallenge}


def current() -> Challenge:
    """The configured check (`FAZHI_COMPLAINT_CHALLENGE`)."""
    name = str(settings.FAZHI_COMPLAINT_CHALLENGE)
    if name in BUILT_IN:
        return BUILT_IN[name]()
    if "." not in name:
        raise ImproperlyConfigured(
            f"FAZHI_COMPLAINT_CHALLENGE 应为 captcha、none 或一个类的完整路径，而不是 {name!r}。"
        )
    try:
        made: Challenge = import_string(name)()
    except ImportError as exc:
        raise ImproperlyConfigured(f"FAZHI_COMPLAINT_CHALLENGE：找不到 {name!r}（{exc}）。") from exc
    return made

"""The base of every form of the staff application and the portal: `fazhi.text`'s rule on every text field."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.text import text_problem


class CheckedForm(forms.Form):
    """A form whose text fields refuse control and bidirectional characters, each with a Chinese message beside the
    field (and the typed text kept, as a form's errors always keep it). A field of one line is any field not drawn as
    a text area."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, value in list(cleaned.items()):
            if not isinstance(value, str) or name not in self.fields:
                continue
            one_line = not isinstance(self.fields[name].widget, forms.Textarea)
            problem = text_problem(value, one_line=one_line)
            if problem:
                self.add_error(name, problem)
        return cleaned

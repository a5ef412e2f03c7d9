"""The staff login form, in Chinese whatever language the browser asks for."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from fazhi.accounts.models import User
from fazhi.forms import CheckedForm
from fazhi.rules import totp


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="用户名",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
        error_messages={"required": "请输入用户名。"},
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "请输入密码。"},
    )

    error_messages = {
        # One message for a wrong name and a wrong password, so the form does not reveal which accounts exist.
        "invalid_login": "用户名或密码不正确，请重新输入。连续多次输入错误，账户将被暂时锁定。",
        "inactive": "该账户已停用，请联系系统管理员。",
    }


class PasswordChangeForm(CheckedForm):
    """Checks the old password and the new one twice; the change itself is the `change_password` action."""

    old_password = forms.CharField(
        label="原密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": "请输入原密码。"},
    )
    new_password1 = forms.CharField(
        label="新密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="至少 10 个字符，不能全为数字，不能过于常见或与用户名相近。",
        error_messages={"required": "请输入新密码。"},
    )
    new_password2 = forms.CharField(
        label="再次输入新密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "请再次输入新密码。"},
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_old_password(self) -> str:
        old = str(self.cleaned_data["old_password"])
        if not self.user.check_password(old):
            raise forms.ValidationError("原密码不正确。")
        return old

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", "两次输入的新密码不一致。")
        return cleaned


class AuthenticatorCodeForm(CheckedForm):
    """A 6-digit code from the authenticator app (enrolment, regenerating recovery codes)."""

    code = forms.CharField(
        label="动态验证码",
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
        help_text="认证器应用中当前显示的 6 位数字。",
        error_messages={"required": "请输入动态验证码。", "max_length": "验证码为 6 位数字。"},
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"])
        if not totp.looks_like_code(code):
            raise forms.ValidationError("验证码为 6 位数字。")
        return totp.normalised_code(code)


class SignInCodeForm(CheckedForm):
    """The code step of sign-in: a 6-digit code, or one recovery code."""

    code = forms.CharField(
        label="动态验证码或恢复码",
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "autocapitalize": "none"}),
        help_text="请输入认证器应用中当前显示的 6 位数字；手机不在身边时，可输入一个恢复码（形如 ABCD-EFGH-JKMN）。",
        error_messages={"required": "请输入动态验证码或恢复码。", "max_length": "请输入 6 位验证码或一个恢复码。"},
    )

    def clean_code(self) -> str:
        code = str(self.cleaned_data["code"])
        if not (totp.looks_like_code(code) or totp.looks_like_recovery_code(code)):
            raise forms.ValidationError("请输入 6 位验证码或一个恢复码（12 个字母和数字）。")
        return code


class AccountChangeRequestForm(CheckedForm):
    """A request to change a 三员 account (ADR 0018); the rules themselves are `request_account_change`'s."""

    target = forms.ChoiceField(label="账户", error_messages={"required": "请选择账户。"})
    kind = forms.ChoiceField(label="变更事项", error_messages={"required": "请选择变更事项。"})
    role = forms.ChoiceField(label="角色（授予或撤销角色时选择）", required=False)
    new_password1 = forms.CharField(
        label="新密码（重置密码时填写）",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=(
            "至少 10 个字符，不能全为数字，不能过于常见或与用户名相近。只保存其摘要，确认后生效，不记入全过程记录。"
        ),
    )
    new_password2 = forms.CharField(
        label="再次输入新密码",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    reason = forms.CharField(
        label="申请理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写申请理由。", "max_length": "申请理由不超过 500 个字。"},
    )

    def __init__(
        self,
        *args: Any,
        targets: list[tuple[str, str]],
        kinds: list[tuple[str, str]],
        roles: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choice = "没有这个选项，请重新选择。"
        for name, options in (("target", targets), ("kind", kinds), ("role", roles)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", "请选择"), *options]
            field.error_messages["invalid_choice"] = choice

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if (first or second) and first != second:
            self.add_error("new_password2", "两次输入的新密码不一致。")
        return cleaned

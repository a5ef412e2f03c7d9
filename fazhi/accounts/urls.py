from django.urls import path

from fazhi.accounts import change_request_views, lockout_views, second_factor_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", second_factor_views.sign_in_code, name="second_factor"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("security/", second_factor_views.security, name="security"),
    path("security/enrol/", second_factor_views.enrol, name="second_factor_enrol"),
    path("accounts/lockouts/", lockout_views.lockouts, name="lockouts"),
    path("accounts/lockouts/<int:attempt_id>/clear/", lockout_views.clear, name="lockout_clear"),
    path("accounts/second-factors/", second_factor_views.second_factors, name="second_factors"),
    path("accounts/second-factors/<int:user_id>/reset/", second_factor_views.reset, name="second_factor_reset"),
    path("accounts/changes/", change_request_views.changes, name="changes"),
    path("accounts/changes/new/", change_request_views.new_change, name="change_new"),
    path("accounts/changes/<int:pk>/confirm/", change_request_views.confirm, name="change_confirm"),
    path("accounts/changes/<int:pk>/refuse/", change_request_views.refuse, name="change_refuse"),
    path("accounts/changes/<int:pk>/withdraw/", change_request_views.withdraw, name="change_withdraw"),
]

from django.urls import path

from fazhi.accounts import lockout_views, second_factor_views, views

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
]

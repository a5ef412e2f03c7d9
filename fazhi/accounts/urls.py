from django.urls import path

from fazhi.accounts import lockout_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("accounts/lockouts/", lockout_views.lockouts, name="lockouts"),
    path("accounts/lockouts/<int:attempt_id>/clear/", lockout_views.clear, name="lockout_clear"),
]

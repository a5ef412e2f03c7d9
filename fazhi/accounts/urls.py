from django.urls import path

from fazhi.accounts import change_request_views, lockout_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("accounts/lockouts/", lockout_views.lockouts, name="lockouts"),
    path("accounts/lockouts/<int:attempt_id>/clear/", lockout_views.clear, name="lockout_clear"),
    path("accounts/changes/", change_request_views.changes, name="changes"),
    path("accounts/changes/new/", change_request_views.new_change, name="change_new"),
    path("accounts/changes/<int:pk>/confirm/", change_request_views.confirm, name="change_confirm"),
    path("accounts/changes/<int:pk>/refuse/", change_request_views.refuse, name="change_refuse"),
    path("accounts/changes/<int:pk>/withdraw/", change_request_views.withdraw, name="change_withdraw"),
]

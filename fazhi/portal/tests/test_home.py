from django.test import Client


def test_the_portal_home_is_public_and_in_chinese(db):
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in page
    assert "深圳市人力资源和社会保障局" in page
    for service in ("投诉举报", "进度查询", "处罚决定公示", "重大违法行为社会公布", "失信名单", "裁量基准", "执法主体"):
        assert service in page
    assert '<span class="soon">即将上线</span>' not in page  # every service is online
    for link in ('href="/complaints/"', 'href="/complaints/status/"', 'href="/decisions/"', 'href="/standards/"'):
        assert link in page
    assert 'href="/staff/login/"' in page


def test_the_bureau_name_follows_the_deployment_setting(db, settings):
    settings.FAZHI_BUREAU_NAME = "广州市人力资源和社会保障局"
    page = Client().get("/").content.decode()
    assert "广州市人力资源和社会保障局" in page
    assert "深圳市" not in page

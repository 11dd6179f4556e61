import pytest

pytestmark = pytest.mark.django_db


def test_home_page_introduces_the_programmes(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Certificate in Machine Learning Model Development" in html
    assert 'href="/courses/"' in html and 'href="/blog/"' in html


def test_dashboard_requires_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sitemap_is_served(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"<urlset" in response.content

import pytest

pytestmark = pytest.mark.django_db


def test_home_page_introduces_the_programmes_from_the_catalogue(client):
    from tests.factories import CourseFactory

    CourseFactory(title="Certificate in Testing Things", slug="testing-things")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Certificate in Testing Things" in html
    assert 'href="/courses/testing-things/"' in html
    assert 'href="/courses/"' in html and 'href="/blog/"' in html


def test_home_page_without_courses_says_how_to_load_them(client):
    html = client.get("/").content.decode()
    assert "No courses are published yet" in html and "sync_content" in html


def test_dashboard_requires_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sitemap_is_served(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert b"<urlset" in response.content

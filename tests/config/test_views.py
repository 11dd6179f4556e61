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


def test_sitemap_lists_the_catalogue_and_the_blog_index(client):
    xml = client.get("/sitemap.xml").content.decode()
    for path in ("/", "/courses/", "/blog/"):
        assert f"http://testserver{path}</loc>" in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_personal_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/dashboard/", "/accounts/", "/admin/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /courses/" not in lines and "Disallow: /" not in lines
    assert client.post("/robots.txt").status_code == 405


def test_the_home_page_names_its_canonical_address(client):
    html = client.get("/?ref=somewhere").content.decode()
    assert '<link rel="canonical" href="http://testserver/">' in html


def test_the_home_pages_enrol_now_leads_to_enrolment_in_the_first_programme(client):
    from tests.factories import CourseFactory

    CourseFactory(title="Advanced Things", slug="advanced-things", order=2)
    CourseFactory(title="First Things", slug="first-things", order=1)
    html = client.get("/").content.decode()
    assert (
        '<a class="button button-large" href="/courses/first-things/enrol/">Enrol now'
        '<span class="visually-hidden"> in First Things</span></a>'
    ) in html


def test_without_courses_the_home_page_offers_no_enrolment(client):
    html = client.get("/").content.decode()
    assert "/enrol/" not in html and "Enrol now" not in html

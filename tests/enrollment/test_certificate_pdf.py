"""The certificate PDF: drawn on the server, readable, with a QR code of the verify URL."""

import io

import pytest
import segno
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from enrollment import services
from enrollment.pdf import qr_png
from tests.factories import StaffFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def _issued(learner, exercise, name):
    SubmissionFactory(user=learner, exercise=exercise, passed=True)
    services.module_complete(user=learner, module=exercise.module)
    certificate, _ = services.certificate_claim(
        user=learner, course=exercise.course, full_name=name
    )
    return certificate


def _pdf(client, certificate):
    response = client.get(f"/certificates/{certificate.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response


@pytest.mark.parametrize("name", ["Zoë Ngụyễn", "Łukasz Żółkiewski", "Ada Lovelace"])
def test_the_pdf_holds_the_name_course_score_date_and_verify_url(client, enrolled, name):
    learner, exercise = enrolled
    certificate = _issued(learner, exercise, name)
    response = _pdf(client, certificate)  # anyone with the link, as for the page
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{certificate.pk}.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = page.extract_text()
    verify_url = f"http://testserver/certificates/{certificate.pk}/"
    for expected in (name, "Test Course", "100%", verify_url, str(certificate.pk)):
        assert expected in text
    issued = certificate.issued_at
    assert f"{issued.day} {issued:%B %Y}" in text
    assert reader.metadata.title == f"Test Course: {name}"


def test_the_pdf_embeds_its_own_fonts(client, enrolled):
    learner, exercise = enrolled
    reader = PdfReader(io.BytesIO(_pdf(client, _issued(learner, exercise, "Zoë")).content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # embedded, not left to the reader's system
        names.add(str(font["/BaseFont"]).split("+")[-1])
    assert names == {"DejaVuSansBook", "DejaVuSansBold", "DejaVuSerifBold", "DejaVuSerifItalic"}


def test_the_qr_code_in_the_pdf_decodes_to_the_verify_url(client, enrolled):
    learner, exercise = enrolled
    certificate = _issued(learner, exercise, "Ada Lovelace")
    reader = PdfReader(io.BytesIO(_pdf(client, certificate).content))
    (image,) = reader.pages[0].images
    decoded = zxingcpp.read_barcodes(image.image.convert("L"))
    assert [(d.format, d.text) for d in decoded] == [
        (zxingcpp.BarcodeFormat.QRCode, f"http://testserver/certificates/{certificate.pk}/")
    ]


def test_the_qr_matrix_is_the_verify_urls(enrolled):
    """Regenerate: the drawn modules are exactly segno's encoding of the URL."""
    url = "https://courses.example.org/certificates/0b6f5a8e-2f1c-4a59-9d7e-3c1f0e9a2b4d/"
    image = Image.open(io.BytesIO(qr_png(url))).convert("1")
    qr = segno.make(url, error="m", micro=False)
    size = qr.symbol_size(scale=1, border=4)[0]
    cell = image.width // size
    drawn = [
        [image.getpixel((x * cell + cell // 2, y * cell + cell // 2)) == 0 for x in range(size)]
        for y in range(size)
    ]
    expected = [[bool(bit) for bit in row] for row in qr.matrix_iter(scale=1, border=4)]
    assert drawn == expected


def test_a_revoked_certificate_has_no_pdf(client, enrolled):
    learner, exercise = enrolled
    certificate = _issued(learner, exercise, "Ada Lovelace")
    _pdf(client, certificate)  # drawn and cached before the revocation
    services.certificate_revoke(certificate=certificate, by=StaffFactory(), reason="Copied work")
    response = client.get(f"/certificates/{certificate.pk}/pdf/")
    assert response.status_code == 410
    assert response["Content-Type"].startswith("text/html")
    assert "there is no PDF of it to download" in response.content.decode()
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "/pdf/" not in page  # nor a link to one


def test_the_certificate_page_links_the_pdf_and_the_link_to_copy(client, enrolled):
    learner, exercise = enrolled
    certificate = _issued(learner, exercise, "Ada Lovelace")
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert f'href="/certificates/{certificate.pk}/pdf/"' in html
    # Without JavaScript the link is there to select; the Copy link button is shown by JS.
    assert f'value="http://testserver/certificates/{certificate.pk}/" readonly' in html
    assert "data-copy-link hidden>Copy link</button>" in html


def test_an_unknown_certificate_has_no_pdf(client):
    assert client.get("/certificates/6b0a3c55-7a0a-4c9e-8f0e-2d0c1b9a8e7f/pdf/").status_code == 404


def test_a_name_the_fonts_cannot_draw_gets_no_pdf_rather_than_a_partial_name(client, enrolled):
    learner, exercise = enrolled
    certificate = _issued(learner, exercise, "王芳 Wang Fang")
    response = client.get(f"/certificates/{certificate.pk}/pdf/")
    assert response.status_code == 422
    assert "cannot print every character" in response.content.decode()
    client.force_login(learner)
    page = client.get(certificate.get_absolute_url()).content.decode()
    assert "/pdf/" not in page and "print this page" in page
    assert "王芳 Wang Fang" in page  # the page itself shows the name whole


def test_the_fonts_cover_the_names_learners_write():
    from enrollment.pdf import pdf_can_print

    for name in ("Zoë Ngụyễn", "Łukasz Żółkiewski", "Şükrü Çelik", "Ελένη", "Владимир", "Ñúñez"):
        assert pdf_can_print(name), name
    assert not pdf_can_print("王芳")


def test_the_longest_name_and_title_still_fit_one_page(client, enrolled):
    learner, exercise = enrolled
    exercise.course.title = "Advanced Certificate in Machine Learning: " + "Optimisation " * 12
    exercise.course.save()
    name = ("Maximiliana Wilhelmina Ngụyễn-Żółkiewska de la Cruz y Montenegro " * 3)[:150]
    reader = PdfReader(io.BytesIO(_pdf(client, _issued(learner, exercise, name)).content))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert " ".join(name.split()) in text  # wrapped onto lines, none of it lost

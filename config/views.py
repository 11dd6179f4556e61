from django.shortcuts import render

from courseware.models import Course


def home(request):
    courses = Course.objects.live().order_by("order")
    return render(request, "home.html", {"courses": courses})

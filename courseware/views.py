from django.shortcuts import render

from .models import Course


def catalogue(request):
    courses = Course.objects.live().order_by("order")
    return render(request, "courseware/catalogue.html", {"courses": courses})

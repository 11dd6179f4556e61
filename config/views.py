from django.shortcuts import render

from courseware.selectors import course_list_for_catalogue


def home(request):
    return render(request, "home.html", {"courses": course_list_for_catalogue()})

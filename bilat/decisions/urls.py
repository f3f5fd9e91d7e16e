

app_name = "decisions"

urlpatterns: list = []

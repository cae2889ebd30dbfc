"""The link checker (`invoke check-links`)."""

from offline.links import check_site


def test_the_demo_library_has_no_broken_or_external_links(demo_site):
    checked, problems = check_site(demo_site)

    assert problems == []
    assert checked > 5000


def test_each_kind_of_bad_link_is_reported(tmp_path):
    site = tmp_path / "site"
    (site / "themes").mkdir(parents=True)
    (site / "themes" / "index.html").write_text("<p>themes</p>")
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<a href="themes/index.html">ok</a> <a href="https://example.org/">a link out</a>'
        '<a href="#main">ok</a> <img src="data:," alt="">'
        '<a href="themes/">folder</a> <a href="missing.html">gone</a>'
        '<a href="/themes/index.html">absolute</a> <a href="../outside.html">out</a>'
        '<img srcset="small.png 1x, themes/index.html 2x" alt="">'
        '<script src="//cdn.example.org/x.js"></script>'
    )

    checked, problems = check_site(site)

    assert [(p.url, p.reason.split(",")[0].split(";")[0]) for p in problems] == [
        ("https://cdn.example.org/x.css", "loaded from another host"),
        ("themes/", "names a folder"),
        ("missing.html", "no such file in the site"),
        ("/themes/index.html", "an absolute path"),
        ("../outside.html", "points outside the site"),
        ("small.png", "no such file in the site"),
        ("//cdn.example.org/x.js", "loaded from another host"),
    ]
    assert str(problems[1]) == (
        "index.html: themes/: names a folder, which a browser shows as a listing; "
        "link to its index.html"
    )
    assert checked == 7

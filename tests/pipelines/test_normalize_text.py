"""clean_body / clean_title: furniture goes, real sentences stay."""
from __future__ import annotations

import pytest

from pipelines.text_cleaning import clean_body, clean_title, count_words, is_boilerplate_line, normalize_text

ARTICLE = """Moonlit Harbor Season 3: What We Know So Far

The coastal mystery drama returns next spring, and the streamer has promised a darker run of eight episodes.
Production wrapped in &ldquo;early&rdquo; autumn&nbsp;near Busan.

Lead actor Han Seo-jin said fans should subscribe to patience, because the story takes its time.

Stay with us for more coverage as the premiere approaches.

LEAVE A REPLY

Please enter your comment!
Please enter your name here

You have entered an incorrect email address!

Share post:

Subscribe

spot_imgspot_img

Popular

More like this
Related

Glass Orchard Renewed for a Fourth Season After Record Ratings

The network confirmed the renewal on Tuesday after the finale drew...

Box Office Weekend: Animated Sequel Holds the Top Spot

Families returned to theaters for a second weekend...
"""


def test_seed_like_tail_is_removed_and_article_kept() -> None:
    body = clean_body(ARTICLE)
    assert body.endswith("Stay with us for more coverage as the premiere approaches.")
    for furniture in ("LEAVE A REPLY", "Please enter", "Share post", "Subscribe\n", "spot_img", "Popular",
                      "More like this", "Related", "Glass Orchard", "Box Office Weekend"):
        assert furniture not in body
    # the sentence that merely contains "subscribe" stays
    assert "fans should subscribe to patience" in body
    # entities decoded, non-breaking space folded, single newline folded inside a paragraph
    assert "wrapped in \u201cearly\u201d autumn near Busan." in body
    assert "episodes. Production wrapped" in body
    assert body.count("\n\n") == 3


def test_teaser_heading_mid_body_removes_only_the_heading() -> None:
    long_para = " ".join(["The cast returned to the set for reshoots in the capital."] * 6)
    text = f"{long_para}\n\nRelated\n\n{long_para}\n\nFinal paragraph about the finale."
    body = clean_body(text)
    assert "Related" not in body
    assert body.count(long_para) == 2
    assert body.endswith("Final paragraph about the finale.")


def test_teaser_tail_longer_than_article_is_kept() -> None:
    text = "Short intro.\n\nRelated\n\n" + "\n\n".join(f"Teaser number {i} is a line." for i in range(30))
    body = clean_body(text)
    assert "Teaser number 29" in body  # a tail longer than the article is not cut as teasers
    assert "Related" not in body


@pytest.mark.parametrize("line", [
    "Share this article", "SUBSCRIBE", "Sign up for our newsletter!", "Advertisement", "ADVERTISEMENT",
    "You may also like", "Read more", "RELATED: Glass Orchard renewed for season four",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Artikel teilen", "Das könnte Sie auch interessieren", "Anzeige", "Suscríbete", "Te puede interesar",
    "Publicidad", "Partager cet article", "À lire aussi :", "Lire aussi : Le retour de la série",
    "관련기사", "공유하기", "광고", "Leave a comment", "spot_img",
])
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "Viewers who subscribe to the service get the episodes a day early.",
    "The related spin-off, announced in May, stars two newcomers.",
    "She said the advertisement for the show was pulled after complaints.",
    "Popular culture has rarely treated the genre kindly.",
    "Read more books, the director told the young cast.",
    "The cookie jar scene became a meme overnight.",
])
def test_real_sentences_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)
    assert clean_body(line) == line


def test_unicode_nfc_zero_width_and_controls() -> None:
    decomposed = "Cafe\u0301 Society\u200b returns\u00ad!\x07"
    assert clean_body(decomposed) == "Café Society returns!"
    assert normalize_text("a\u2003\u2003b\t c") == "a b c"
    assert clean_body("It&amp;#8217;s back") == "It\u2019s back"  # double-escaped feed text


def test_list_items_keep_their_line_breaks() -> None:
    body = clean_body("Cast:\n• Park as On-jo\n• Lee as Su-hyeok\nMore to come.")
    assert body == "Cast:\n• Park as On-jo\n• Lee as Su-hyeok\nMore to come."


@pytest.mark.parametrize("bad", [None, "", "   \n\n  ", "Subscribe\n\nShare post:"])
def test_empty_or_only_furniture(bad: str | None) -> None:
    assert clean_body(bad) == ""


@pytest.mark.parametrize(("title", "site", "expected"), [
    ("Glass Orchard Renewed for Season 4 - Variety", None, "Glass Orchard Renewed for Season 4"),
    ("Glass Orchard Renewed for Season 4 | Soompi", None, "Glass Orchard Renewed for Season 4"),
    ("Deadline — Glass Orchard Renewed for Season 4", "Deadline", "Glass Orchard Renewed for Season 4"),
    ("Glass Orchard Renewed | TV News | Variety", "Variety", "Glass Orchard Renewed | TV News"),
    ("Glass Orchard Renewed – variety.com", None, "Glass Orchard Renewed"),
    ("Glass Orchard Renewed &amp; Expanded | Soompi", "soompi", "Glass Orchard Renewed & Expanded"),
    # not brands: kept
    ("Moonlit Harbor Season 3 - Review", None, "Moonlit Harbor Season 3 - Review"),
    ("Moonlit Harbor - Season 3", None, "Moonlit Harbor - Season 3"),
    ("Why did it end - what happens next?", None, "Why did it end - what happens next?"),
    ("Spider-Man returns", None, "Spider-Man returns"),
    ("This County Changed Its Rating Rules – Until Now", None, "This County Changed Its Rating Rules – Until Now"),
    ("Big News | Variety", None, "Big News | Variety"),  # too little title would remain
    ("Mayor wins the vote - Osthessen|News", "osthessen-news", "Mayor wins the vote"),
    ("Glass Orchard renewed for a fourth season - ABC7 San Francisco", "abc7", "Glass Orchard renewed for a fourth season"),
    # site known but not named in the title: the brand rule still applies
    ("Glass Orchard renewed for a fourth season | Hollywood Ledger", "hlgr", "Glass Orchard renewed for a fourth season"),
    ("", None, ""),
    ("| Soompi", "Soompi", "Soompi"),  # only the site name: kept, nothing better is known
    ("Soompi", "soompi.com", "Soompi"),
    ("»Haltet die Welt an!«", None, "»Haltet die Welt an!«"),
    ("Mara Lindqvist: «Wir drehen weiter»", None, "Mara Lindqvist: «Wir drehen weiter»"),
    (None, "Variety", ""),
])
def test_clean_title(title: str | None, site: str | None, expected: str) -> None:
    assert clean_title(title, site) == expected


def test_count_words_latin_korean_and_cjk() -> None:
    assert count_words("one two  three\n\nfour") == 4
    assert count_words("드라마가 내년에 돌아온다") == 3
    assert count_words("ドラマは来年戻ってくる") == 6  # 11 CJK characters, two per word
    assert count_words("") == 0


# --- head of the body -------------------------------------------------------------
from pipelines.text_cleaning import strip_body_head  # noqa: E402


@pytest.mark.parametrize(
    "body, title, expected",
    [
        ("Big news\n\nBy Ann Lee | Site\n\nThe show returns.", "Big news", "The show returns."),
        ("Big News!\n\nBy Ann Lee and Bo Kim, Staff Writers\n\nOriginally published by Wire (original story)"
         "\n\nThe show returns.", "Big news", "The show returns."),
        ("최도윤 기자\n\n본문입니다.", "제목", "본문입니다."),
        ("By the end of season one, the crew had changed.\n\nMore.", "x",
         "By the end of season one, the crew had changed.\n\nMore."),
        ("The show returns.\n\nBig news", "Big news", "The show returns.\n\nBig news"),
        ("Intro.\n\nOriginally published by ScreenWire.\n\nEnd.", "t", "Intro.\n\nEnd."),
    ],
)
def test_strip_body_head(body, title, expected):
    assert strip_body_head(body, title) == expected

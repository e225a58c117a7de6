"""The phase-2 edits: how an existing article's title and body change."""
from __future__ import annotations

from datetime import datetime

from crawler.demo.clock import MONTHS, korean_stamp
from crawler.demo.model import Article
from crawler.demo.shows import SHOWS_BY_ID

TITLE_MARKS = {
    "demo-screenwire": "UPDATED: {title}",
    "demo-reelbuzz": "{title} [Updated]",
    "demo-tvgazette": "{title} - Updated",
    "demo-hallyuko": "[종합] {title}",
}


def _platform(article: Article) -> str:
    if not article.shows:
        return "the studio"
    show = SHOWS_BY_ID[article.shows[0]]
    return show.ko_platform if article.language == "ko" else show.platform


def _update_paragraph(article: Article, when: datetime) -> str:
    if article.language == "ko":
        return (f"({korean_stamp(when)} 내용 추가) {_platform(article)} 측이 추가 정보를 공개함에 따라 "
                "기사 내용을 보강했다. 관계자는 \"세부 일정은 곧 안내하겠다\"고 밝혔다.")
    claim = article.release_claim or {}
    day = f"{MONTHS[when.month - 1]} {when.day}"
    if claim.get("show_id") == "all-of-us-are-dead":
        return (f"Update, {day}: Netflix has since confirmed that season 2 premieres on "
                "January 29, 2027, ending months of speculation about the release window.")
    return (f"Update, {day}: This story has been updated with new information from "
            f"{_platform(article)}, including details of a launch event planned for the premiere week.")


def _correction(article: Article) -> str:
    if article.language == "ko":
        return "바로잡습니다: 이전 기사에서 전 시즌의 에피소드 수를 잘못 표기해 바로잡았습니다."
    return ("Correction: An earlier version of this story misstated the number of episodes "
            "in the previous season. It has been corrected.")


def edited_text(article: Article, change: str, when: datetime) -> tuple[str, tuple[str, ...], str]:
    """(new title, new paragraphs, note) for a phase-2 edit.

    ``change`` is "title+body" (new headline, update paragraph on top) or
    "body" (a correction appended at the end, headline unchanged).
    """
    if change == "title+body":
        title = TITLE_MARKS[article.site].format(title=article.title)
        paragraphs = (_update_paragraph(article, when),) + article.paragraphs
        return title, paragraphs, "title changed; update paragraph added at the top"
    if change == "body":
        return article.title, article.paragraphs + (_correction(article),), "correction appended"
    raise ValueError(f"unknown edit {change!r}")

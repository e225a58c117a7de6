"""detect_language: declared when plausible, else script + py3langid."""
from __future__ import annotations

import pytest

from pipelines.language_detection import detect_language, dominant_script, normalize_language_code

EN = ("The coastal mystery drama returns next spring, and the streamer has promised a darker run of eight "
      "episodes that follow the detective back to the harbor town where it all began.")
DE = ("Die Küstenkrimiserie kehrt im nächsten Frühjahr zurück, und der Streamingdienst verspricht acht "
      "düstere Folgen, in denen die Ermittlerin in die Hafenstadt zurückkehrt.")
ES = ("La serie de misterio costero regresa la próxima primavera y la plataforma promete ocho episodios "
      "más oscuros que siguen a la detective de vuelta al pueblo portuario.")
FR = ("La série policière revient au printemps prochain et la plateforme promet huit épisodes plus sombres "
      "qui suivent l'enquêtrice dans la ville portuaire où tout a commencé.")
KO = "해안 미스터리 드라마가 내년 봄에 돌아오며, 스트리밍 서비스는 더 어두운 여덟 편의 에피소드를 약속했다."
JA = "海辺のミステリードラマが来春に戻ってきて、配信サービスはより暗い八話を約束した。"


@pytest.mark.parametrize(("value", "expected"), [
    ("en-US", "en"), ("de_DE", "de"), ("EN", "en"), ("ko-KR", "ko"), ("zh-Hant-TW", "zh"), ("kor", "ko"),
    ("iw", "he"), ("", ""), (None, ""), ("english", ""), ("x", ""), ("123", ""),
])
def test_normalize_language_code(value: str | None, expected: str) -> None:
    assert normalize_language_code(value) == expected


@pytest.mark.parametrize(("text", "expected"), [(EN, "en"), (DE, "de"), (ES, "es"), (FR, "fr"), (KO, "ko"), (JA, "ja")])
def test_detection_without_declaration(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_plausible_declaration_wins() -> None:
    assert detect_language(EN, "en-GB") == "en"
    # a short text cannot contradict the declaration
    assert detect_language("Netflix K-drama", "es") == "es"


def test_implausible_declaration_is_overruled() -> None:
    assert detect_language(KO, "en") == "ko"  # template says English, text is Hangul
    assert detect_language("드라마가 내년 봄에 돌아온다", "en") == "ko"  # short, but the script decides
    assert detect_language(DE * 3, "en-US") == "de"
    assert detect_language(EN, "ko") == "en"


def test_unknown_when_nothing_to_go_on() -> None:
    assert detect_language("") == ""
    assert detect_language("12345 !!!") == ""
    assert detect_language(None, "fr-FR") == "fr"


def test_dominant_script() -> None:
    assert dominant_script(KO) == "Hang"
    assert dominant_script(JA) == "Kana"
    assert dominant_script(EN) == "Latn"
    assert dominant_script("") == ""

"""Korean-language articles for demo-hallyuko, with particles attached to titles.

Korean titles carry their particle directly ("오징어 게임은", "무빙이",
"지금 우리 학교는 시즌2가"), which is exactly what a show tagger has to cope
with.  Particles are chosen from the last syllable's final consonant.
"""
from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from crawler.demo.shows import ACTORS_KO, Show
from crawler.demo.writer_en import Written

_DIGIT_HAS_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False,
                    "6": True, "7": True, "8": True, "9": False}
_PAIRS = {"은": ("은", "는"), "이": ("이", "가"), "을": ("을", "를"), "과": ("과", "와"),
          "으로": ("으로", "로"), "이다": ("이다", "다")}
ACTORS_FOREIGN = ("마라 엘리슨", "토비아스 렌", "루시아 패로", "오언 음베키", "셀레스트 오카포")
GENRES_KO = {
    "all-of-us-are-dead": "좀비 생존 드라마", "squid-game": "서바이벌 스릴러", "moving": "초능력 액션 드라마",
    "alice-in-borderland": "서바이벌 스릴러", "stranger-things": "SF 호러 드라마",
}


def final_consonant(word: str) -> int | None:
    """Index of the final consonant (0 = none, 8 = ㄹ) of the word's last sounded character."""
    for char in reversed(word.strip()):
        if "가" <= char <= "힣":
            return (ord(char) - 0xAC00) % 28
        if char.isdigit():
            return 8 if char in "178" else (1 if _DIGIT_HAS_FINAL[char] else 0)
        if char.isalpha():
            return 0
    return 0


def josa(word: str, particle: str) -> str:
    """Attach a particle: josa("오징어 게임", "은") -> "오징어 게임은".

    A title that itself ends in the particle 는 ("지금 우리 학교는") is quoted
    first, as Korean newsrooms do: "'지금 우리 학교는'은".
    """
    if word.endswith("는"):
        return f"'{word}'" + _particle_for(word, particle)
    return word + _particle_for(word, particle)


def _particle_for(word: str, particle: str) -> str:
    with_final, without = _PAIRS[particle]
    final = final_consonant(word)
    if particle == "으로":
        return "로" if final in (0, 8) else "으로"
    return with_final if final else without


def _ctx(show: Show, rng: random.Random, published: datetime) -> dict[str, str]:
    actor = rng.choice([h for _, h in ACTORS_KO] if show.korean_origin else ACTORS_FOREIGN)
    premiere = published + timedelta(days=rng.randint(35, 140))
    ctx = {"T": show.ko_title, "TS": f"{show.ko_title} 시즌{show.next_season}", "P": show.ko_platform,
           "A": actor, "n": str(show.next_season), "G": GENRES_KO.get(show.id, "화제의 시리즈"),
           "DATE": f"{premiere.month}월 {premiere.day}일", "X": str(rng.randint(12, 95)),
           "W": str(rng.randint(2, 6)), "R": rng.choice(("미스터리한 전학생", "냉철한 형사", "베일에 싸인 악역",
                                                        "주인공의 옛 동료")),
           "H": rng.choice(("더 커진 스케일", "충격적인 반전", "새로운 생존 게임", "돌아온 주역들"))}
    for key in ("T", "TS", "P", "A"):
        for particle in ("은", "이", "을", "과", "으로"):
            ctx[key + particle] = josa(ctx[key], particle)
    return ctx


TITLES_KO = {
    "renewal": ("{TS} 제작 확정…{P} 공식 발표", "'{T}', 시즌{n}{으로} 돌아온다"),
    "casting": ("{A}, '{TS}' 합류…{R} 역", "{TS}에 {A} 캐스팅 확정"),
    "trailer": ("'{TS}' 예고편 공개…{H} 예고", "{TS} 티저 공개, {H} 담았다"),
    "premiere_date": ("{TS} {DATE} 공개 확정", "'{TS}' 공개일 {DATE}{으로} 확정"),
    "review": ("[리뷰] '{TS}', 기대 이상의 귀환", "[리뷰] {T} 돌아왔다…호불호는 갈릴 듯"),
    "ratings": ("{T}, {P} 글로벌 TOP 10 {W}주 연속 1위", "'{TS}' 공개 {W}일 만에 {X}00만 시청"),
    "interview": ("[인터뷰] {A} \"{T} 촬영장은 매일이 전쟁\"", "[인터뷰] '{TS}' {A}, 캐릭터 비하인드 공개"),
}
BODY_KO = {
    "renewal": ("{P}{이} {TS} 제작을 공식 발표했다.", "{T은} 공개 직후부터 글로벌 순위 상위권을 지켜 왔다.",
                "제작진은 전 시즌의 주요 배우들이 대부분 복귀할 예정이라고 밝혔다."),
    "casting": ("배우 {A이} {TS}에 합류한다.", "{A은} 극 중 {R} 역을 맡아 새로운 긴장감을 불어넣을 예정이다.",
                "제작사 측은 \"{A}의 새로운 얼굴을 보게 될 것\"이라고 전했다."),
    "trailer": ("{P}{이} {TS}의 공식 예고편을 공개했다.", "약 2분 분량의 영상에는 {H}{이} 담겼다.",
                "예고편은 공개 하루 만에 조회수 {X}0만 회를 넘겼다."),
    "premiere_date": ("{TS}{이} {DATE} 공개된다.", "{P}{은} 공개일과 함께 메인 포스터를 선보였다.",
                      "전 에피소드가 한꺼번에 공개될 예정이다."),
    "review": ("{TS}{은} 전작의 장점을 살리면서도 이야기의 폭을 넓혔다.", "초반 전개는 다소 느리지만 중반 이후 몰입감이 크게 높아진다.",
               "배우들의 연기는 전반적으로 안정적이다."),
    "ratings": ("{T}{이} {P} 글로벌 TOP 10 비영어 쇼 부문 1위에 올랐다.", "공개 {W}일 만에 누적 시청 수 {X}00만 회를 기록했다.",
                "한국을 비롯해 {X}개국에서 1위를 차지했다."),
    "interview": ("{TS}에 출연한 {A}{을} 서울 종로구의 한 카페에서 만났다.", "{A은} \"촬영 내내 체력적으로 힘들었지만 보람 있었다\"고 말했다.",
                  "그는 \"시청자들이 캐릭터의 선택을 이해해 주셨으면 한다\"고 덧붙였다."),
}
COMMON_KO = (
    "{T은} {G}{으로}, 공개 당시 전 세계적인 인기를 끌었다.",
    "팬들은 온라인 커뮤니티를 중심으로 다양한 추측을 쏟아내고 있다.",
    "업계에서는 이번 시즌이 {P}의 올해 최대 기대작 가운데 하나라고 보고 있다.",
    "제작진은 \"더 큰 이야기를 준비했다\"며 기대를 당부했다.",
    "구체적인 에피소드 수는 아직 공개되지 않았다.",
    "전 시즌은 열린 결말로 끝나 후속편에 대한 관심이 높았다.",
    "{P} 관계자는 \"아직 구체적으로 말씀드릴 수 있는 단계는 아니다\"라고 말했다.",
    "해외 팬들 사이에서도 관련 소식이 빠르게 퍼지고 있다.",
    "원작과의 차이점도 관전 포인트로 꼽힌다.",
    "촬영은 주로 경기도 일대의 세트장에서 진행된 것으로 전해졌다.",
    "한편 출연진은 최근 각자의 SNS를 통해 근황을 전하기도 했다.",
    "방송가에서는 이번 작품이 흥행 공식을 다시 쓸 수 있을지 주목하고 있다.",
)
WINDOW_KO = {
    "2026": ("{TS}{은} 2026년 공개를 목표로 후반 작업 중인 것으로 알려졌다.", "{TS}, 2026년 공개 목표"),
    "late 2026": ("업계에 따르면 {TS}{은} 2026년 하반기 공개가 유력하다.", "'{TS}' 2026년 하반기 공개 유력"),
    "early August 2026": ("일부 매체에서는 {TS}{이} 2026년 8월 초 공개될 것이라는 이야기가 나오고 있다.",
                          "'{TS}' 8월 초 공개설…{P} \"확정된 바 없다\""),
    "early 2027": ("후반 작업이 길어지면서 {TS}의 공개가 2027년 초로 밀릴 수 있다는 관측이 나온다.",
                   "{TS} 공개 2027년 초로 밀리나"),
    "official": ("{P}{은} {TS}{을} {OFFICIAL} 공개한다고 공식 발표했다.", "{TS}, {OFFICIAL} 공개 확정"),
}
TRAP_KO = ("콘서트 무빙 스테이지가 객석 한가운데로…올해 공연 트렌드는 '가까이'", (
    "올해 아이돌 콘서트의 키워드는 무빙 스테이지다. 무대가 객석 한가운데로 이동하면서 관객과의 거리가 크게 줄었다.",
    "한 공연 제작사 관계자는 \"무빙 스테이지 하나로 2층 관객도 가까이에서 가수를 볼 수 있다\"고 설명했다.",
    "다만 안전 관리 인력이 더 필요해 제작비가 늘어난다는 지적도 나온다.",
    "공연장 측은 무빙 워크 구간을 따로 두고 관객 동선을 분리하는 방안을 검토하고 있다.",
    "업계는 내년에도 이 같은 연출이 계속될 것으로 보고 있다.",
))
NON_SHOW_KO = {
    "film": ("영화 '{F}', 개봉 첫 주말 {X}만 관객 동원", (
        "영화 {QF}{이} 개봉 첫 주말 {X}만 관객을 모으며 박스오피스 1위에 올랐다.",
        "배급사는 \"입소문 덕분에 2주차 관객이 더 늘 것\"이라고 내다봤다.",
        "이 영화는 부산과 제주에서 촬영됐으며, 감독의 세 번째 장편이다.",
        "해외 판매도 순조로워 {W}개국에 선판매됐다.",
        "주연 배우들은 개봉 첫 주 서울과 부산의 극장을 돌며 무대 인사를 이어가고 있다. 관람객 평점도 높은 편이어서 장기 흥행에 대한 기대도 커지고 있다.",
    )),
    "music": ("그룹 {F}, 정규 앨범 발매…월드투어 일정 공개", (
        "그룹 {F}{이} 새 정규 앨범을 발매하고 월드투어 일정을 공개했다.",
        "타이틀곡은 멤버들이 직접 작사에 참여한 곡으로 알려졌다.",
        "투어는 서울을 시작으로 아시아와 북미 {X}개 도시에서 열린다.",
        "소속사는 \"팬들과 더 가까이 만나는 무대를 준비했다\"고 밝혔다.",
        "앨범에는 타이틀곡을 포함해 모두 열 곡이 실렸으며, 멤버들의 자작곡도 여러 곡 포함됐다. 음원 공개 직후 주요 음원 차트 상위권에 이름을 올렸다.",
    )),
}
EXTRA_KO = (
    "업계 관계자는 \"연말까지 비슷한 흐름이 이어질 것\"이라고 내다봤다.",
    "온라인 커뮤니티에서는 관련 게시물이 빠르게 공유되고 있다.",
    "관객과 팬들의 반응도 대체로 긍정적인 것으로 나타났다.",
    "관계자들은 최종 집계가 나오면 수치가 일부 달라질 수 있다고 설명했다.",
    "해외 매체들도 이번 소식을 비중 있게 다뤘다.",
    "한편 관련 업계는 내년 상반기 일정도 이미 준비하고 있는 것으로 알려졌다.",
)
FILMS_KO = ("유리 항구", "아홉 번째 등불", "조용한 엔진")
GROUPS_KO = ("루나벨", "스텔라나인", "블루아워")


_PARTICLE_SLOT = re.compile(r"\{(\w+?)\}\{(은|이|을|과|으로)\}")


def _fill(template: str, ctx: dict[str, str]) -> str:
    """format_map, where "{KEY}{은}" attaches the right particle to ctx[KEY]."""
    attached = _PARTICLE_SLOT.sub(lambda m: josa(str(ctx[m.group(1)]), m.group(2))
                                  .replace("{", "{{").replace("}", "}}"), template)
    return attached.format_map(ctx)


def compose_ko(show: Show, kind: str, rng: random.Random, published: datetime) -> Written:
    ctx = _ctx(show, rng, published)
    title = _fill(rng.choice(TITLES_KO[kind]), ctx)
    first, second, third = (_fill(s, ctx) for s in BODY_KO[kind])
    common = [_fill(s, ctx) for s in rng.sample(COMMON_KO, 9)]
    paragraphs = (f"{first} {second}", f"{third} {common[0]}", f"{common[1]} {common[2]}",
                  f"{common[3]} {common[4]}", f"{common[5]} {common[6]}", f"{common[7]} {common[8]}",
                  " ".join(rng.sample(EXTRA_KO, 2)))
    return Written(title, paragraphs, first, "방송", (show.ko_title, ctx["TS"], kind))


def compose_window_ko(show: Show, window: str, official: str, rng: random.Random,
                      published: datetime) -> Written:
    ctx = _ctx(show, rng, published)
    ctx["OFFICIAL"] = official
    line, title_t = WINDOW_KO[window]
    common = [_fill(s, ctx) for s in rng.sample(COMMON_KO, 9)]
    paragraphs = (_fill(line, ctx) + " " + common[0], f"{common[1]} {common[2]}",
                  "앞서 2026년 공개설과 하반기 공개설이 잇따라 나온 바 있다." if window != "2026"
                  else "제작진은 구체적인 일정은 추후 공개하겠다고 밝혔다.",
                  f"{common[3]} {common[4]}", f"{common[5]} {common[6]}", f"{common[7]} {common[8]}",
                  " ".join(rng.sample(EXTRA_KO, 2)))
    claim = {"show_id": show.id, "season": show.next_season,
             "window": window if window != "official" else official,
             "status": "official" if window == "official" else "rumoured"}
    return Written(_fill(title_t, ctx), paragraphs, paragraphs[0], "방송",
                   (show.ko_title, ctx["TS"], "공개일"), (), {"release_claim": claim})


def compose_roundup_ko(shows: list[Show], rng: random.Random, published: datetime) -> Written:
    names = [s.ko_title for s in shows]
    title = f"이번 주 OTT 볼거리…'{names[0]}'부터 '{names[-1]}'까지"
    paragraphs = ["이번 주 OTT 플랫폼에서 주목할 만한 작품들을 모았다."]
    for show in shows:
        ctx = _ctx(show, rng, published)
        paragraphs.append(_fill(rng.choice((
            "{T은} {G}{으로} 여전히 높은 화제성을 자랑한다.",
            "{P}에서 볼 수 있는 {T은} 정주행하기 좋은 작품이다.",
            "{TS} 소식을 기다리는 팬이라면 {T을} 다시 보는 것도 방법이다.",
        )), ctx) + " " + _fill(rng.choice(COMMON_KO), ctx))
    paragraphs.append("주말 정주행 목록을 정할 때 참고해 보자. " + " ".join(rng.sample(EXTRA_KO, 4)))
    return Written(title, tuple(paragraphs), paragraphs[0], "방송", tuple(names) + ("OTT",))


def compose_trap_ko() -> Written:
    title, paragraphs = TRAP_KO
    paragraphs = paragraphs + (" ".join(random.Random("trap:ko").sample(EXTRA_KO, 5)),)
    return Written(title, paragraphs, paragraphs[0].split(". ")[0], "가요", ("공연",))


def compose_non_show_ko(kind: str, rng: random.Random) -> Written:
    title_t, paragraphs_t = NON_SHOW_KO[kind]
    name = rng.choice(FILMS_KO if kind == "film" else GROUPS_KO)
    ctx = {"F": name, "QF": f"'{name}'", "X": str(rng.randint(15, 90)), "W": str(rng.randint(10, 40))}
    extra = rng.sample(EXTRA_KO, len(EXTRA_KO))
    paragraphs = tuple(_fill(p, ctx) for p in paragraphs_t) + (" ".join(extra[:3]), " ".join(extra[3:]))
    return Written(_fill(title_t, ctx), paragraphs, paragraphs[0],
                   "영화" if kind == "film" else "가요", (kind, name))

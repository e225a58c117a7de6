"""The shows the demo network writes about, plus fictional people.

Show ids are the catalog ids used by ``data/shows.yaml``.  Everything else
here (platform, premise, characters, season numbers) only feeds the
synthetic article text; the "next season" numbers are fiction for the demo.
Actor and reporter names are invented.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Show:
    id: str
    title: str                 # English title as used in English articles
    ko_title: str              # title as written in Korean articles
    platform: str
    ko_platform: str
    genre: str
    premise: str
    characters: tuple[str, ...]
    next_season: int
    original_title: str = ""   # non-English original title, if any
    korean_origin: bool = False


SHOWS: tuple[Show, ...] = (
    Show("all-of-us-are-dead", "All of Us Are Dead", "지금 우리 학교는", "Netflix", "넷플릭스",
         "zombie survival drama",
         "a virus outbreak that turns Hyosan High School into a battleground",
         ("Nam On-jo", "Lee Cheong-san", "Choi Nam-ra"), 2, "지금 우리 학교는", True),
    Show("squid-game", "Squid Game", "오징어 게임", "Netflix", "넷플릭스",
         "survival thriller",
         "debt-ridden contestants who risk their lives in lethal versions of children's games",
         ("Seong Gi-hun", "the Front Man", "Kang Sae-byeok"), 4, "오징어 게임", True),
    Show("stranger-things", "Stranger Things", "기묘한 이야기", "Netflix", "넷플릭스",
         "supernatural drama",
         "a group of friends in Hawkins, Indiana, facing a monstrous parallel dimension",
         ("Eleven", "Mike Wheeler", "Jim Hopper"), 6),
    Show("the-bear", "The Bear", "더 베어", "FX on Hulu", "디즈니+",
         "kitchen dramedy",
         "a fine-dining chef who comes home to Chicago to run his family's sandwich shop",
         ("Carmy Berzatto", "Sydney Adamu", "Richie Jerimovich"), 5),
    Show("wednesday", "Wednesday", "웬즈데이", "Netflix", "넷플릭스",
         "gothic coming-of-age mystery",
         "Wednesday Addams investigating a string of murders around Nevermore Academy",
         ("Wednesday Addams", "Enid Sinclair", "Principal Weems"), 3),
    Show("severance", "Severance", "세브란스: 단절", "Apple TV+", "애플TV+",
         "workplace science-fiction thriller",
         "office workers whose memories are surgically split between the job and home",
         ("Mark Scout", "Helly R.", "Dylan George"), 3),
    Show("the-last-of-us", "The Last of Us", "더 라스트 오브 어스", "HBO", "쿠팡플레이",
         "post-apocalyptic drama",
         "survivors crossing a fungus-ravaged America",
         ("Joel", "Ellie", "Abby"), 3),
    Show("house-of-the-dragon", "House of the Dragon", "하우스 오브 드래곤", "HBO", "쿠팡플레이",
         "fantasy epic",
         "the Targaryen civil war remembered as the Dance of the Dragons",
         ("Rhaenyra Targaryen", "Alicent Hightower", "Daemon Targaryen"), 3),
    Show("money-heist", "Money Heist", "종이의 집", "Netflix", "넷플릭스",
         "heist thriller",
         "a mastermind known as the Professor and his crew of code-named robbers",
         ("the Professor", "Tokyo", "Berlin"), 6, "La casa de papel"),
    Show("bridgerton", "Bridgerton", "브리저튼", "Netflix", "넷플릭스",
         "Regency romance",
         "the eight Bridgerton siblings looking for love in London high society",
         ("Penelope Featherington", "Benedict Bridgerton", "Lady Whistledown"), 5),
    Show("the-boys", "The Boys", "더 보이즈", "Prime Video", "프라임 비디오",
         "superhero satire",
         "a ragtag group of vigilantes taking on corrupt, celebrity superheroes",
         ("Homelander", "Billy Butcher", "Starlight"), 6),
    Show("slow-horses", "Slow Horses", "슬로 호시스", "Apple TV+", "애플TV+",
         "spy drama",
         "a team of disgraced MI5 agents exiled to the dusty offices of Slough House",
         ("Jackson Lamb", "River Cartwright", "Diana Taverner"), 6),
    Show("moving", "Moving", "무빙", "Disney+", "디즈니+",
         "superhero drama",
         "teenagers hiding superpowers inherited from parents with secret pasts",
         ("Kim Bong-seok", "Jang Hee-soo", "Lee Kang-hoon"), 2, "무빙", True),
    Show("alice-in-borderland", "Alice in Borderland", "아리스 인 보더랜드", "Netflix", "넷플릭스",
         "survival thriller",
         "players stranded in an emptied-out Tokyo where deadly games decide who lives",
         ("Arisu", "Usagi", "Chishiya"), 4, "今際の国のアリス"),
    Show("the-white-lotus", "The White Lotus", "화이트 로투스", "HBO", "쿠팡플레이",
         "satirical anthology drama",
         "wealthy guests and overworked staff colliding at a luxury resort",
         ("the resort manager", "a honeymooning couple", "a grieving heiress"), 4),
)

SHOWS_BY_ID: dict[str, Show] = {show.id: show for show in SHOWS}

ACTORS_EN: tuple[str, ...] = (
    "Mara Ellison", "Devon Achterberg", "Priya Castellano", "Tobias Renn", "Lucia Farrow",
    "Owen Mbeki", "Hattie Lindqvist", "Rafael Dunmore", "Celeste Okafor", "Jonah Whitcombe",
    "Ines Harrow", "Marcus Vale", "Greta Solberg", "Felix Amadi", "Nora Castellane",
)
ACTORS_KO: tuple[tuple[str, str], ...] = (  # (romanized, Hangul)
    ("Han Seo-yeon", "한서연"), ("Kang Min-jae", "강민재"), ("Yoo Ji-ho", "유지호"),
    ("Baek Soo-ah", "백수아"), ("Jung Tae-oh", "정태오"), ("Shin Ha-rin", "신하린"),
    ("Oh Dong-hyun", "오동현"), ("Moon Ye-jin", "문예진"),
)
ACTORS_JA: tuple[str, ...] = ("Haruto Kanzaki", "Mio Shirasaka", "Ren Takigawa")

REPORTERS: dict[str, tuple[str, ...]] = {
    "demo-reelbuzz": ("Ayesha Malik", "Rohan Mehta", "Sana Qureshi", "Vikram Desai"),
    "demo-screenwire": ("Mara Lindgren", "Caleb Ortiz", "Nadia Fontaine", "Theo Brandt",
                        "Jolene Park", "Sam Okonjo"),
    "demo-tvgazette": ("Jane Doe", "Harold Pike", "Dana Whitfield", "Grant Lowery",
                       "Evelyn Marsh"),
    "demo-hallyuko": ("김민지", "이서준", "박하은", "최도윤", "정유나"),
}


def actors_for(show: Show) -> tuple[str, ...]:
    """Fictional actor names that fit the show's origin."""
    if show.korean_origin:
        return tuple(name for name, _ in ACTORS_KO)
    if show.id == "alice-in-borderland":
        return ACTORS_JA
    return ACTORS_EN

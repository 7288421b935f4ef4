"""The words questions are read by: intents' keywords, words that name no one, day patterns."""

from __future__ import annotations

from schedule.dates import MONTHS, RELATIVE, WEEKDAYS

MEETING_KINDS = ("meeting", "visit", "meal")
# Words of the questions themselves: they never name a person or a place.
VOCABULARY = frozenset(
    """who whos is are was were the a an of in on at to do does did we us our meet meeting
    meetings see seeing visit when where what whats which time it its today tomorrow tonight
    next title position job role organisation organization work works for about tell me
    projects project discussing discuss discussed with staying stay hotel delegation how
    please and or there schedule agenda programme program plan day date home local now
    whom whose will be going can you know info information 누구 누구야 누구예요
    언제 어디 어디서 무엇 뭐 뭐야 오늘 내일 일정 만나 만나요 만나나요 만나는 지금 몇 시
    프로젝트 사업 숙소 호텔 직함 직책 소속 기관 대해 알려줘 알려 주세요 있어 있나요""".split()  # noqa: SIM905
)
DATE_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(RELATIVE) | {"june", "on"}
HOME_WORDS = ("home", "seoul", "korea", "본국", "서울", "한국")

KEYWORDS: dict[str, tuple[str, ...]] = {
    "time_in": (
        "what time",
        "time is it",
        "local time",
        "time in",
        "time at",
        "몇 시",
        "몇시",
        "시간은",
        "시각",
        "시간 알려",
        "현지 시간",
        "서울 시간",
        "본국 시간",
    ),
    "staying": (
        "staying",
        "stay ",
        "hotel",
        "accommodation",
        "sleep",
        "숙소",
        "호텔",
        "묵",
        "숙박",
        "어디서 자",
        "어디에서 자",
        "잠은",
    ),
    "where_delegation": (
        "where are we",
        "where is the delegation",
        "which city",
        "where we are",
        "어디에 있",
        "어디야",
        "어느 도시",
        "지금 어디",
        "어디 있",
    ),
    "next": ("next", "coming up", "after this", "다음", "이제 뭐", "이제 어디", "그 다음"),
    "projects": ("project", "프로젝트", "사업"),
    "meeting_people": (
        "who are we meeting",
        "who do we meet",
        "who are we seeing",
        "who will we",
        "who do we see",
        "whom do we",
        "who are we going",
        "누구를 만나",
        "누구 만나",
        "만나는 사람",
        "누구와 만나",
        "누굴 만나",
        "누구랑",
        "면담 상대",
        "누구 만났",
        "누구를 만났",
        "people we meet",
        "people are we meeting",
        "meeting with whom",
    ),
    "decline": (
        "how much",
        "price",
        "cost",
        "weather",
        "rain",
        "restaurant",
        "taxi",
        "exchange rate",
        "dollar",
        "joke",
        "wifi",
        "password",
        "날씨",
        "비 와",
        "환율",
        "얼마",
        "맛집",
        "택시",
        "식당 추천",
        "농담",
        "와이파이",
    ),
    "agenda": (
        "what is on",
        "what s on",
        "whats on",
        "schedule",
        "agenda",
        "programme",
        "program",
        "plan for",
        "happening",
        "일정",
        "스케줄",
        "뭐 있",
        "뭐 했",
        "뭐 해",
        "뭐해",
    ),
    "when": ("when", "what day", "what date", "언제", "며칠", "몇 일"),
    "where": ("where", "어디서", "어디에서", "장소", "어디"),
    "title": ("title", "position", "job", "role", "직함", "직책", "직위"),
    "kind_flight": ("flight", "fly", "plane", "airport", "비행기", "항공편", "비행", "공항"),
    "kind_meal": ("lunch", "dinner", "breakfast", "meal", "점심", "저녁", "식사", "오찬", "만찬"),
    "kind_briefing": ("briefing", "브리핑"),
    "kind_visit": ("site visit", "visit", "tour", "방문", "시찰", "견학"),
    "organisation_of": (
        "organisation",
        "organization",
        "work for",
        "works for",
        "which company",
        "which agency",
        "which bank",
        "소속",
        "어느 기관",
        "어디 소속",
        "work",
        "works",
        "어느 조직",
        "어디 사람",
    ),
}

DAY_PATTERNS = (
    r"\d{4}-\d{1,2}-\d{1,2}",
    r"\d{1,2}(?:st|nd|rd|th)? (?:of )?[a-z]{3,9}",
    r"[a-z]{3,9} \d{1,2}(?:st|nd|rd|th)?",
    r"(?:\d{4}\s*년\s*)?\d{1,2}\s*월\s*\d{1,2}\s*일",
    r"[월화수목금토일]요일",
    r"\b(?:today|tomorrow|tonight|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    r"오늘|내일|모레|어제",
)

"""The Korean catalogue: the same keys and placeholders as the English one."""

from __future__ import annotations

KO: dict[str, str] = {
    "audience_all": "전원",
    "audience_group": "{name} 그룹",
    "audience_event": "{name} 참석자",
    "announce_preview": "<b>미리 보기</b>: {audience}에게 ({count}명)",
    "announce_unreachable": "{count}명에게는 보낼 수 없습니다 (미가입 또는 차단).",
    "announce_at": "{when}에 보냅니다.",
    "announce_nudge": "{minutes}분 안에 확인을 누르지 않은 사람에게 한 번 더 알립니다.",
    "send": "보내기",
    "cancel": "취소",
    "confirm": "확인",
    "announce_usage": "명령 뒤에 공지 내용을 쓰세요: /announce 로비 집합 07:15, 여권 지참. "
    "앞에 붙일 수 있는 옵션: 대상:그룹, 일정:일정키, 재알림:30, 시각 07:00 내일.",
    "announce_bad_time": "시간을 읽을 수 없습니다: 시각 07:00, 시각 07:00 내일 처럼 쓰세요.",
    "announce_scheduled": "{count}명에게 예약했습니다. /scheduled 에서 확인할 수 있습니다.",
    "announce_progress": "발송 중: {total}명 중 {delivered}명 전달, 전달 불가 {unreachable}명.",
    "announce_final": "완료: {total}명 중 {delivered}명 전달, 전달 불가 {unreachable}명, "
    "실패 {failed}명. /acks 에서 확인 현황을 볼 수 있습니다.",
    "announce_cancelled": "취소했습니다. 더 이상 보내지 않습니다.",
    "announce_resent": "확인하지 않은 {count}명에게 다시 보냈습니다.",
    "announce_again": "확인하지 않은 {count}명에게 다시 보내기",
    "acks_heading": '<b>확인 현황</b>: "{text}"',
    "acks_yes": "✅ 확인 {count}명: {names}",
    "acks_no": "⏳ 미확인 {count}명: {names}",
    "acks_unreachable": "⚠️ 전달 불가 {count}명: {names}",
    "acks_none": "아직 보낸 공지가 없습니다.",
    "scheduled_none": "예약된 공지가 없습니다.",
    "scheduled_heading": "<b>예약된 공지</b>",
    "unschedule": "{number}번 취소",
    "move_usage": "/move 일정키 11:30 처럼 쓰세요 (내일 11:30, 2021-06-08 11:30 도 됩니다). "
    "/trip 에서 일정을 볼 수 있습니다.",
    "cancel_usage": "/cancel 일정키 처럼 쓰세요.",
    "venue_usage": "/venue 일정키 새 장소 처럼 쓰세요.",
    "change_preview": "<b>변경 전</b>: {before}\n<b>변경 후</b>: {after}\n\n이대로 바꿀까요? "
    "관련된 모든 사람에게 알립니다.",
    "change_refused": "바꾸지 않았습니다: {reason}",
    "change_expired": "이 변경은 더 이상 대기 중이 아닙니다. 다시 시작해 주세요.",
    "change_dropped": "취소했습니다. 아무것도 바꾸지 않았습니다.",
    "change_done": "완료 ({summary}). 변경 안내와 알림이 이어집니다.",
    "file_not_text": "텍스트 파일이 아닙니다. 일정 파일을 보내 주세요.",
    "file_refused": "적용하지 않았습니다: 문제 {count}건, 아무것도 저장하지 않았습니다."
    "\n{problems}",
    "file_same": "지금 일정과 같은 파일입니다. 바꿀 것이 없습니다.",
    "file_preview": "<b>파일에 따른 일정 변경</b> ({summary}):\n{changes}\n\n적용할까요?",
    "and_more": "… 외 {count}건",
    "members_heading": "<b>구성원</b>",
    "never_seen": "없음",
    "joined": "가입",
    "not_joined": "미가입",
    "unreachable": "전달 불가",
    "last_seen": "최근 접속",
    "role_name_member": "단원",
    "role_name_organiser": "운영진",
    "invite_usage": "/invite 또는 /invite 운영진 처럼 쓰세요.",
    "invite_link": "{role}(으)로 가입하는 1회용 링크 (14일 유효):\n{link}",
    "promote_usage": "/promote 구성원키 처럼 쓰세요 (/members 에서 키를 볼 수 있습니다).",
    "remove_usage": "/remove 구성원키 처럼 쓰세요 (/members 에서 키를 볼 수 있습니다).",
    "last_organiser": "마지막 운영진은 내보낼 수 없습니다. "
    "먼저 다른 사람을 운영진으로 지정하세요.",
    "already_organiser": "이미 운영진입니다.",
    "promote_confirm": "{name}({key})님을 운영진으로 지정할까요?",
    "remove_confirm": "{name}({key})님을 대표단에서 내보낼까요? 더 이상 아무것도 받지 않습니다.",
    "removed": "{name}님을 내보냈습니다.",
    "promoted": "{name}님이 이제 운영진입니다.",
    "qa_choose": "어느 쪽을 말씀하시나요?",
    "announcement_heading": "📣 <b>공지</b>",
    "announcement_reminder": "📣 <b>확인 요청: 아래 공지를 확인해 주세요</b>",
    "got_it": "👍 확인",
    "got_it_recorded": "✅ 확인 완료",
    "qa_none_of_kind": "내 일정에 남은 해당 일정이 없습니다.",
    "qa_title": "{name}의 직함은 {title}입니다",
    "qa_no_organisation": "일정표에 {name}의 소속 기관이 없습니다.",
    "qa_works_for": "{name}: {organisation}의 {title}입니다.",
    "qa_no_meeting": "내 일정에 {name}와(과)의 면담이 없습니다.",
    "qa_meetings_with": "<b>{name} 면담 일정</b>",
    "qa_nobody": "{scope}에는 예정된 면담이 없습니다.",
    "qa_meeting_people": "<b>{scope} 면담 상대</b>",
    "qa_time_in": "{place}: {day} {time} ({offset})",
    "qa_no_hotel": "일정표에 {city} 숙소 정보가 없습니다.",
    "qa_hotel": "{city}({first} ~ {last}) 숙소는 {hotel}입니다.",
    "qa_where_on": "{day}에 대표단은 {cities}에 있습니다.",
    "qa_projects": "<b>논의하는 사업: {scope}</b>",
    "qa_the_trip": "출장 전체",
    "qa_no_projects": "일정표에 해당 사업이 없습니다.",
    "qa_declined": "일정표에 있는 출장 정보에 대해서만 답할 수 있는데, 이 질문의 답은 찾지 "
    "못했습니다. 이렇게 물어보세요: {examples}",
    "qa_unknown_name": "이번 출장에서 {name}(이)라는 사람을 찾지 못했습니다. 혹시 {names}을(를) "
    "찾으시나요?",
    "qa_country": "국가: {country}",
    "qa_topics": "<b>주요 논의 사항</b>",
    "qa_meetings": "<b>면담 일정</b>",
    "qa_people": "<b>면담 상대</b>",
    "qa_projects_short": "<b>관련 사업</b>",
    "qa_examples": '"모시 총재는 누구야?", "파나마 메트로는 언제 만나?", "리마는 지금 몇 시야?"',
    "cmd_today": "오늘 일정",
    "cmd_tomorrow": "내일 일정",
    "cmd_agenda": "특정 날짜 일정",
    "cmd_next": "다음 일정",
    "cmd_now": "현재 위치와 현지 시각",
    "cmd_trip": "전체 일정",
    "cmd_reminders": "예정된 알림",
    "cmd_ics": "내 캘린더 파일",
    "cmd_settings": "본국 시간, 언어, 알림",
    "cmd_help": "도움말",
    "cmd_who": "면담 상대 정보",
    "cmd_people": "날짜나 도시별 면담 상대",
    "who_usage": '누구인지 알려 주세요: /who 모시, /who 파나마 메트로. "오르테가는 누구야?"처럼 '
    "그냥 물어봐도 됩니다.",
    "reminder_heading": "⏰ <b>{title}</b>",
    "briefing_heading": "☀️ <b>좋은 아침입니다.</b> 오늘 {city} 일정:",
    "notice_changed": "🔄 <b>변경</b>: {title}",
    "notice_cancelled": "❌ <b>취소</b>: {title} ({when})",
    "notice_removed": "➖ {title} ({when}) 참석 대상에서 제외되었습니다.",
    "notice_added": "➕ {title} ({when}) 참석 대상이 되었습니다.",
    "notice_before": "이전: {text}",
    "notice_after": "변경: {text}",
    "reminders_heading": "<b>예정된 알림</b>",
    "reminders_none": "예정된 알림이 없습니다.",
    "kind_reminder": "일정 알림",
    "kind_briefing": "아침 브리핑",
    "kind_notice": "변경 안내",
    "kind_announcement": "공지",
    "settings_more": "일정 알림: 각 일정 {leads} 전\n아침 브리핑: {briefing}\n알림 중지: {muted}",
    "lead_default": "{leads}분 (대표단 기본값)",
    "lead_own": "{leads}분",
    "no_reminders": "없음",
    "not_muted": "중지 안 함",
    "briefing_on": "브리핑 켜기",
    "briefing_off": "브리핑 끄기",
    "unmute": "알림 다시 받기",
    "settings_usage": "바꾸려면: /settings 알림 30,10 · /settings 알림 기본 · "
    "/settings 브리핑 켜기|끄기 · /settings 중지 6월 10일 · /settings 중지 2시간 · "
    "/settings 중지 해제",
    "settings_bad_lead": "알림 시간을 분 단위로 보내 주세요. 예: /settings 알림 30,10 (1~10080).",
    "settings_bad_mute": "{text}을(를) 날짜나 기간으로 읽을 수 없습니다. "
    "예: /settings 중지 6월 10일, /settings 중지 2시간.",
    "stranger": "죄송합니다. 이 봇은 대표단 구성원만 사용할 수 있습니다. "
    "구성원이시라면 운영진에게 초대 링크를 요청해 주세요.",
    "invite_unknown": "유효하지 않은 초대 코드입니다. 운영진에게 새 링크를 요청해 주세요.",
    "invite_expired": "초대가 만료되었습니다. 운영진에게 새 링크를 요청해 주세요.",
    "invite_used": "이미 사용된 초대입니다. 운영진에게 새 링크를 요청해 주세요.",
    "welcome_back": "{name}님, 다시 오셨네요. 오늘 일정은 /today, 도움말은 /help 입니다.",
    "role_member": "단원",
    "role_organiser": "운영진",
    "help": "<b>사용할 수 있는 명령</b>\n"
    "/today: 오늘 일정\n"
    "/reminders: 예정된 알림과 브리핑\n"
    "/tomorrow: 내일 일정\n"
    "/agenda &lt;날짜&gt;: 특정 날짜 일정 (6월 8일, 2021-06-08, 화요일)\n"
    "/next: 다음 일정, 장소와 상대\n"
    "/who &lt;이름&gt;: 면담 상대 정보와 면담 일정\n"
    "/people [날짜 또는 도시]: 면담 상대\n"
    "/now: 현재 위치와 각 도시의 시각\n"
    "/trip: 도시별 전체 일정\n"
    "/ics: 내 일정 캘린더 파일\n"
    "/calendar: 휴대폰 캘린더를 최신으로 유지하는 개인 구독 링크\n"
    "/settings: 본국 시간 표시, 언어, 알림\n"
    "/help: 이 목록",
    "help_organiser": "\n\n<b>운영진</b>\n"
    "/announce &lt;내용&gt;: 전원에게 공지 (확인 버튼 포함)\n"
    "/acks: 마지막 공지 확인 현황\n"
    "/scheduled: 예약된 공지\n"
    "/move, /cancel, /venue &lt;일정&gt;: 일정 변경 (일정 파일을 보내면 전체 적용)\n"
    "/members, /invite, /promote, /remove: 구성원 관리; /link 가입키 일정키: 중복 병합\n"
    "/groups [키 추가|삭제 그룹]: 그룹 구성\n"
    "/register_group: 이 그룹에서 답하도록 등록",
    "unknown_command": "모르는 명령입니다. /help 에서 명령 목록을 확인해 주세요.",
    "nothing_on": "예정된 일정이 없습니다.",
    "not_on_road": "그날은 출장 기간이 아닙니다. 출장 기간은 {first}부터 {last}까지입니다.",
    "no_itinerary": "아직 일정이 없습니다. 운영진이 먼저 일정을 등록해야 합니다.",
    "bad_day": "{text}을(를) 날짜로 읽을 수 없습니다. /agenda 6월 8일, /agenda 2021-06-08 "
    "또는 /agenda 화요일 처럼 보내 주세요.",
    "next_heading": "<b>다음 일정</b>: {title}",
    "starts_in": "{delta} 후 시작",
    "started_ago": "{delta} 전 시작",
    "starts_now": "지금 시작",
    "where": "장소: {where}",
    "with": "상대: {people}",
    "map": "지도",
    "no_next": "남은 일정이 없습니다.",
    "in_city": "대표단은 지금 <b>{city}</b>({country})에 있습니다.",
    "travelling": "이동일: {cities}.",
    "not_travelling": "지금은 출장 기간이 아닙니다.",
    "local_times": "<b>현지 시각</b>",
    "home_label": "본국",
    "trip_heading": "<b>{name}</b>",
    "trip_stop": "<b>{city}</b>({country}): {first} ~ {last}",
    "trip_events": "일정 {count}건",
    "ics_caption": "내 일정 캘린더: {count}건.",
    "ics_none": "예정된 내 일정이 없습니다.",
    "settings": "<b>설정</b>\n현지 시각 옆 본국 시간: {home}\n언어: {language}",
    "on": "켜짐",
    "off": "꺼짐",
    "show_home": "본국 시간 표시",
    "hide_home": "본국 시간 숨기기",
    "language_name": "한국어",
    "saved": "저장했습니다.",
    "settings_private": "설정은 개인 대화에서만 바꿀 수 있습니다. "
    "저에게 직접 /settings 를 보내 주세요.",
    "group_registered": "이 그룹을 등록했습니다. 이제 이 그룹에서 구성원에게 답합니다.",
    "group_only": "제가 답할 그룹에서 /register_group 을 보내 주세요.",
    "organisers_only": "운영진만 할 수 있습니다.",
    "error": "죄송합니다. 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.",
    "day_button_prev": "◀ {day}",
    "day_button_next": "{day} ▶",
    "home_time": "본국 시간: {time}",
    "day_heading": "{year}년 {day}",
    "with_person": "상대: {person}",
    "minutes": "{m}분",
    "hours": "{h}시간",
    "hours_minutes": "{h}시간 {m}분",
    "days": "{d}일 {h}시간",
    "private_only": "개인 대화에서 보내 주세요.",
    "slow_down": "메시지가 너무 많습니다. 잠시 메시지를 건너뜁니다. 천천히 보내 주세요.",
    "file_too_big": "파일이 너무 큽니다 ({size} KB). 일정 파일은 최대 {limit} KB입니다.",
    "unreachable_not_started": "아직 봇을 시작하지 않음",
    "unreachable_blocked": "전달 불가 (봇 차단)",
    "groups_usage": "변경: /groups 키 추가 그룹 … · /groups 키 삭제 그룹 …",
    "groups_heading": "<b>그룹</b>",
    "groups_none": "아직 그룹에 속한 단원이 없습니다.",
    "groups_of": "<b>{name}</b> ({key}): {groups}",
    "groups_empty": "그룹 없음",
    "groups_replanned": "알림이 새 그룹에 맞게 다시 계획되었습니다.",
    "groups_unchanged": "바꿀 것이 없습니다.",
    "groups_no_member": "키가 {key}인 단원이 없습니다. /members에서 키를 확인하세요.",
    "groups_bad_name": "이 그룹 이름은 쓸 수 없습니다: {reason}.",
    "invite_taken": "이 개인 링크는 이미 가입한 분의 것이라 다시 사용할 수 없습니다. "
    "본인의 링크라면 운영진에게 새 링크를 요청하세요.",
    "invite_taken_organisers": "⚠️ 다른 사람이 <b>{name}</b>({key})님의 개인 링크로 가입하려고 "
    "했습니다: {who}. 거절했으며 {name}님은 처음 가입한 계정에 그대로 연결되어 있습니다. "
    "{name}님이 새 계정을 쓰는 것이라면 새 링크를 보내 주세요.",
    "invite_pick": "누구의 개인 링크를 만들까요? 아직 가입하지 않은 단원을 누르세요.\n"
    "/invite new 는 새로운 사람의 링크를 만듭니다 (운영진은 /invite new 운영진).",
    "invite_everyone_joined": "일정표의 모든 단원이 가입했습니다.\n"
    "/invite new 는 새로운 사람의 링크를 만듭니다 (운영진은 /invite new 운영진).",
    "invite_personal": "<b>{name}</b>({key})님의 개인 링크입니다. 한 번만 쓸 수 있고 14일간 "
    "유효합니다:\n{link}\n본인에게 전달하거나 QR 코드를 스캔하게 하세요.",
    "invite_qr_caption": "{name}: 스캔하여 가입",
    "invite_gone": "그 단원은 이미 가입했거나 더 이상 일정표에 없습니다.",
    "invite_usage_personal": "/invite 로 단원을 고르거나, 새로운 사람은 "
    "/invite new [운영진] 를 쓰세요.",
    "joined_as": "가입함: {who}",
    "link_ask": "일정표의 <b>{name}</b> 님이신가요? 맞으면 운영진이 확인한 뒤 본인의 일정과 "
    "알림을 받게 됩니다.",
    "link_yes": "네",
    "link_new": "아니요, 처음입니다",
    "link_asked": "감사합니다. {name} 님이 맞는지 운영진에게 확인을 요청했습니다. 확인되면 "
    "알려 드리겠습니다. 그때까지는 전체 일정을 볼 수 있습니다.",
    "link_already_asked": "{name} 님 확인을 이미 운영진에게 요청했습니다. 답이 오면 알려 "
    "드리겠습니다.",
    "link_nobody": "지금은 {name} 님인지 확인해 줄 운영진에게 연락할 수 없습니다. 운영진에게 "
    "직접 말씀해 주세요. /link 로 연결할 수 있습니다.",
    "link_stay_new": "알겠습니다. 새 단원으로 가입하셨습니다.",
    "link_gone": "이 질문은 더 이상 유효하지 않습니다.",
    "claim_request": "<b>{joiner}</b> ({key}) 님이 일반 초대 코드로 가입했고 일정표의 "
    "<b>{name}</b> 님이라고 합니다. 확인하면 그 단원의 일정, 그룹, 알림이 연결됩니다.",
    "claim_refuse": "거절",
    "claim_linked": "확인했습니다: {joiner} 님은 이제 {name} 님입니다.",
    "claim_refused": "거절했습니다: {joiner} 님은 새 단원으로 남습니다.",
    "claim_closed_linked": "{by} 님이 결정했습니다: {joiner} 님은 이제 {name} 님입니다.",
    "claim_closed_refused": "{by} 님이 결정했습니다: 거절, {joiner} 님은 새 단원으로 남습니다.",
    "claim_already": "이 요청은 이미 결정되었습니다.",
    "claim_failed": "연결하지 못했습니다: {reason}",
    "person_linked": "운영진이 확인했습니다: {name} 님입니다. 이제 /today 에 본인의 일정이 "
    "나오고 알림도 그에 맞춰 옵니다.",
    "person_refused": "운영진이 {name} 님임을 확인하지 못했습니다. 전체 일정을 볼 수 있는 "
    "단원으로 남습니다. 착오라면 운영진에게 말씀해 주세요.",
    "person_failed": "운영진의 확인이 늦었습니다: {name} 님은 이미 가입되어 있습니다.",
    "link_usage": "/link 가입한키 일정표키 형식으로 보내 주세요. 예: /link tg-123 kim. "
    "/members 에서 키를 볼 수 있습니다.",
    "link_unknown": "{key} 단원이 없습니다.",
    "link_not_joined": "{key} 님은 가입하지 않아 옮길 텔레그램 계정이 없습니다.",
    "link_target_joined": "{key} 님은 이미 텔레그램 계정으로 가입했습니다.",
    "link_same": "같은 단원을 두 번 적었습니다.",
    "link_preview": "<b>{joined}</b> ({joined_key}) 님을 <b>{name}</b> ({key}) 님에게 "
    "합칠까요? 텔레그램 계정, 언어, 설정, 확인 기록이 {key} 로 옮겨지고, 알림은 {key} 의 "
    "일정을 따르며, {joined_key} 는 삭제됩니다.",
    "link_done": "연결했습니다: 이제 텔레그램으로 {name} 님에게 연락할 수 있습니다. 알림을 "
    "다시 계획했습니다.",
    "link_from_itinerary": "{key} 님은 일정표에 있는 단원입니다. 초대로 만들어진 기록만 "
    "단원에게 합칠 수 있습니다.",
    "calendar_intro": (
        "나만의 캘린더 구독 주소입니다. 한 번 구독하면 휴대폰 캘린더에 변경과 취소까지 "
        "내 일정이 늘 최신으로 반영됩니다."
    ),
    "calendar_reset_done": (
        "이전 캘린더 주소는 더 이상 작동하지 않습니다. 새 주소를 구독하고 이전 구독은 삭제하세요."
    ),
    "calendar_webcal": "아이폰, 맥, 아웃룩 (눌러서 구독):",
    "calendar_https": "구글 캘린더 (다른 캘린더 → 주소로 추가) 또는 다른 앱:",
    "calendar_private": (
        "이 주소를 아는 사람은 누구나 내 일정을 볼 수 있으니 공유하지 마세요. "
        "/calendar_reset 으로 새 주소를 만들면 이전 주소는 멈춥니다."
    ),
    "calendar_not_served": (
        "지금은 이 봇이 캘린더를 제공하지 않습니다. 담당자가 캘린더 포트를 열고 봇을 "
        "다시 시작해야 합니다."
    ),
    "calendar_private_only": "캘린더 주소는 저와의 개인 대화에서만 보내 드립니다.",
    "calendar_usage": "/calendar 로 캘린더 주소를, /calendar_reset 으로 새 주소를 받으세요.",
    "cmd_calendar": "구독용 내 캘린더",
    "pick_event": "어느 일정인가요? 하나를 고르세요:",
    "move_usage_for": "/move {key} 뒤에 새 시각을 쓰세요: "
    "+30m, -1h, 10:30, 10:30-11:30, 내일 09:00.",
    "cancel_usage_for": "/cancel {key} 처럼 쓰세요.",
    "venue_usage_for": "/venue {key} 뒤에 새 장소를 쓰세요.",
    "note_usage_for": "/note {key} 뒤에 메모를 쓰세요.",
    "note_usage": "/note 일정 메모 처럼 쓰세요 (일정은 이름이나 이름의 몇 단어로).",
    "announce_unknown_audience": "보내지 않았습니다: {audience}에 해당하는 사람이 없습니다. "
    "가장 가까운 이름: {nearest}. "
    "그중 하나로 to:그룹 을 쓰거나, 빼면 모두에게 보냅니다.",
    "announce_missed": "받지 못한 사람: {names}. "
    "아직 가입하지 않은 사람에게는 /invite 로 개인 링크를 보내세요.",
    "missed_blocked": "봇을 차단함",
    "missed_not_started": "봇을 시작하지 않음",
    "missed_not_joined": "아직 가입하지 않음",
    "missed_error": "텔레그램이 메시지를 거부함",
    "reminder_late_by": "(봇이 꺼져 있어 {delta} 늦게 보냄)",
    "in_air": "대표단은 지금 비행 중입니다: <b>{title}</b>, {origin} → {destination}, "
    "{lands} 도착 예정.",
    "before_trip": "출장이 아직 시작되지 않았습니다. 첫 방문지: <b>{city}</b>({country}), {day}.",
    "after_trip": "출장이 끝났습니다. 마지막 이동: {origin} → {destination}, {left} 출발.",
    "after_trip_ended": "출장이 끝났습니다. 마지막 방문지: {city}.",
    "notes_line": "📝 {notes}",
    "dress_line": "👔 복장: {text}",
    "bring_line": "🎒 준비물: {text}",
    "qa_no_hotel_tonight": "일정표에 오늘 밤 숙소가 없습니다. 대표단은 오늘 떠납니다.",
    "qa_no_hotel_that_night": "일정표에 {day} 밤 숙소가 없습니다. 대표단은 그날 떠납니다.",
    "day_cancelled": "<s>{event}</s> \N{EM DASH} <i>취소됨</i>",
    "cancel_ask": "<b>이 일정을 취소할까요?</b>\n{event}\n\n관련된 모든 사람에게 알립니다.",
    "yes_cancel_it": "네, 취소합니다",
    "keep_it": "유지합니다",
    "welcome_first": "{name}님, 환영합니다! <b>{delegation}</b>에 {role}(으)로 참여하셨습니다.",
    "welcome_commands": "<b>먼저 이 세 가지를</b>\n/today: 오늘 일정\n/next: 다음 일정\n"
    "/settings: 언어, 알림, 본국 시간\n나머지는 /help 에서 볼 수 있습니다.",
    "settings_mute_past": "{text}: 대표단이 있는 곳에서 이미 지난 날짜입니다. "
    "오늘 이후 날짜나 기간으로 보내 주세요. 예: /settings 중지 2시간.",
}

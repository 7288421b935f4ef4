"""The English catalogue: every text the bot sends, by key."""

from __future__ import annotations

EN: dict[str, str] = {
    "audience_all": "everyone",
    "audience_group": "group {name}",
    "audience_event": "those attending {name}",
    "announce_preview": "<b>Preview</b>, to {audience} ({count} members):",
    "announce_unreachable": "{count} cannot be reached (not joined or blocked the bot).",
    "announce_at": "To be sent at {when}.",
    "announce_nudge": "Those who have not pressed Got it after {minutes} min get one nudge.",
    "send": "Send",
    "cancel": "Cancel",
    "confirm": "Confirm",
    "announce_usage": "Write the announcement after the command: /announce Lobby call 07:15, "
    "bring passports. Options in front: to:GROUP, to:event:KEY, nudge:30, "
    "at 07:00 tomorrow [in Lima].",
    "announce_bad_time": "I could not read that time: write at 07:00, at 07:00 tomorrow or "
    "at 07:00 10 June in Lima.",
    "announce_scheduled": "Scheduled for {count} members. /scheduled lists what is waiting.",
    "announce_progress": "Sending: delivered {delivered} of {total}, unreachable {unreachable}.",
    "announce_final": "Done: delivered {delivered} of {total}, unreachable {unreachable}, "
    "failed {failed}. /acks shows who acknowledged.",
    "announce_cancelled": "Cancelled; nothing more will be sent.",
    "announce_resent": "Sent again to {count} who have not acknowledged.",
    "announce_again": "Send again to the {count} who have not acknowledged",
    "acks_heading": '<b>Acknowledgements</b> of "{text}"',
    "acks_yes": "✅ {count} acknowledged: {names}",
    "acks_no": "⏳ {count} not yet: {names}",
    "acks_unreachable": "⚠️ {count} unreachable: {names}",
    "acks_none": "No announcement has been sent yet.",
    "scheduled_none": "No announcement is waiting to be sent.",
    "scheduled_heading": "<b>Scheduled announcements</b>",
    "unschedule": "Cancel {number}",
    "move_usage": "Write /move EVENT-KEY 11:30 (or tomorrow 11:30, or 2021-06-08 11:30). "
    "/trip lists the events.",
    "cancel_usage": "Write /cancel EVENT-KEY.",
    "venue_usage": "Write /venue EVENT-KEY new venue.",
    "change_preview": "<b>Before</b>: {before}\n<b>After</b>: {after}\n\nApply this change? "
    "Everyone affected is told.",
    "change_refused": "Not changed: {reason}",
    "change_expired": "This change is no longer waiting; start again.",
    "change_dropped": "Dropped; nothing was changed.",
    "change_done": "Done ({summary}). Notices and reminders follow.",
    "file_not_text": "That file is not UTF-8 text; send the itinerary YAML file.",
    "file_refused": "Not applied: {count} problems, nothing was written.\n{problems}",
    "file_same": "That file is the itinerary as it stands; nothing to change.",
    "file_preview": "<b>The file changes the itinerary</b> ({summary}):\n{changes}\n\nApply it?",
    "and_more": "… and {count} more",
    "members_heading": "<b>Members</b>",
    "never_seen": "never",
    "joined": "joined",
    "not_joined": "not joined yet",
    "unreachable": "unreachable",
    "last_seen": "last seen",
    "role_name_member": "member",
    "role_name_organiser": "organiser",
    "invite_usage": "Write /invite or /invite organiser.",
    "invite_link": "A one-time link to join as {role}, valid for 14 days:\n{link}",
    "promote_usage": "Write /promote MEMBER-KEY (/members lists the keys).",
    "remove_usage": "Write /remove MEMBER-KEY (/members lists the keys).",
    "last_organiser": "The last organiser cannot be removed: promote someone first.",
    "already_organiser": "They are already an organiser.",
    "promote_confirm": "Make {name} ({key}) an organiser?",
    "remove_confirm": "Remove {name} ({key}) from the delegation? They will get nothing more.",
    "removed": "{name} was removed.",
    "promoted": "{name} is now an organiser.",
    "qa_choose": "Which one do you mean?",
    "announcement_heading": "📣 <b>Announcement</b>",
    "announcement_reminder": "📣 <b>Reminder: please acknowledge</b>",
    "got_it": "👍 Got it",
    "got_it_recorded": "✅ Got it (recorded)",
    "qa_none_of_kind": "Nothing like that is left on your programme.",
    "qa_title": "{name} is {title}",
    "qa_no_organisation": "The itinerary does not say which organisation {name} is with.",
    "qa_works_for": "{name} is {title} at {organisation}.",
    "qa_no_meeting": "No meeting with {name} is on your programme.",
    "qa_meetings_with": "<b>Meetings with {name}</b>",
    "qa_nobody": "No meetings on the programme for {scope}.",
    "qa_meeting_people": "<b>Who we meet, {scope}</b>",
    "qa_time_in": "{place}: {time} on {day} ({offset})",
    "qa_no_hotel": "The itinerary has no hotel for {city}.",
    "qa_hotel": "In {city} ({first} to {last}) the delegation stays at {hotel}.",
    "qa_where_on": "On {day} the delegation is in {cities}.",
    "qa_projects": "<b>Projects discussed: {scope}</b>",
    "qa_the_trip": "the whole trip",
    "qa_no_projects": "The itinerary names no projects there.",
    "qa_declined": "I can only answer questions about the trip from the itinerary, and I could "
    "not find an answer to that one. You could ask: {examples}",
    "qa_unknown_name": "I don't know anyone called {name} on this trip. Did you mean {names}?",
    "qa_country": "Country: {country}",
    "qa_topics": "<b>Talking points</b>",
    "qa_meetings": "<b>Meetings</b>",
    "qa_people": "<b>People we meet</b>",
    "qa_projects_short": "<b>Projects</b>",
    "qa_examples": '"Who is Mr. Mossi?", "When do we see Panama Metro?", '
    '"What time is it in Lima?"',
    "cmd_today": "Today's programme",
    "cmd_tomorrow": "Tomorrow's programme",
    "cmd_agenda": "A day's programme",
    "cmd_next": "The next event",
    "cmd_now": "Where we are, local times",
    "cmd_trip": "The whole trip",
    "cmd_reminders": "My coming reminders",
    "cmd_ics": "My calendar file",
    "cmd_settings": "Home time, language, reminders",
    "cmd_help": "What I can do",
    "cmd_who": "Who is someone we meet",
    "cmd_people": "Who we meet, by day or city",
    "who_usage": "Tell me who: /who Mossi, /who CABEI. You can also just ask, "
    '"who is Mr. Ortega?"',
    "reminder_heading": "⏰ <b>{title}</b>",
    "briefing_heading": "☀️ <b>Good morning.</b> Today in {city}:",
    "notice_changed": "🔄 <b>Changed</b>: {title}",
    "notice_cancelled": "❌ <b>Cancelled</b>: {title} ({when})",
    "notice_removed": "➖ You are no longer expected at {title} ({when}).",
    "notice_added": "➕ You are now expected at {title} ({when}).",
    "notice_before": "Before: {text}",
    "notice_after": "Now: {text}",
    "reminders_heading": "<b>Coming up for you</b>",
    "reminders_none": "Nothing planned for you.",
    "kind_reminder": "reminder",
    "kind_briefing": "morning briefing",
    "kind_notice": "change notice",
    "kind_announcement": "announcement",
    "settings_more": "Reminders: {leads} before each event\nMorning briefing: {briefing}\n"
    "Muted until: {muted}",
    "lead_default": "{leads} min (the delegation's)",
    "lead_own": "{leads} min",
    "no_reminders": "none",
    "not_muted": "not muted",
    "briefing_on": "Briefing on",
    "briefing_off": "Briefing off",
    "unmute": "Unmute",
    "settings_usage": "To change them: /settings lead 30,10 · /settings lead default · "
    "/settings briefing on|off · /settings mute until 10 June · /settings mute 2h · "
    "/settings unmute",
    "settings_bad_lead": "Give lead times in minutes, like /settings lead 30,10 (1 to 10080).",
    "settings_bad_mute": "I could not read {text} as a day or a duration. "
    "Try /settings mute until 10 June or /settings mute 2h.",
    "stranger": "Sorry, I only talk to members of the delegation. "
    "If you are one, ask an organiser for an invite link.",
    "invite_unknown": "That invite code is not valid. Ask an organiser for a new link.",
    "invite_expired": "That invite has expired. Ask an organiser for a new link.",
    "invite_used": "That invite has already been used. Ask an organiser for a new link.",
    "welcome_back": "Hello again, {name}. Send /today for today's programme or /help.",
    "role_member": "a member",
    "role_organiser": "an organiser",
    "help": "<b>What I can do</b>\n"
    "/today: today's programme\n"
    "/reminders: the reminders and briefings coming up for you\n"
    "/tomorrow: tomorrow's programme\n"
    "/agenda &lt;day&gt;: a day (8 June, 2021-06-08, Tuesday)\n"
    "/next: the next event, where and with whom\n"
    "/who &lt;name&gt;: who someone is, and when we meet them\n"
    "/people [day or city]: who we meet\n"
    "/now: where we are and the time in every city\n"
    "/trip: the whole trip, city by city\n"
    "/ics: your events as a calendar file\n"
    "/calendar: a private link that keeps your phone's calendar current\n"
    "/settings: home time, language, reminders\n"
    "/help: this list",
    "help_organiser": "\n\n<b>Organisers</b>\n"
    "/announce &lt;text&gt;: tell every member, with a Got it button\n"
    "/acks: who acknowledged the last announcement\n"
    "/scheduled: announcements waiting for their time\n"
    "/move, /cancel, /venue &lt;event&gt;: change the programme (send a YAML file to load one)\n"
    "/members, /invite, /promote, /remove: the roster; /link JOINED KEY merges a duplicate\n"
    "/groups [KEY add|remove GROUP]: who is in which group\n"
    "/register_group: let me answer in this group",
    "unknown_command": "I don't know that command. /help lists what I can do.",
    "nothing_on": "Nothing on the programme.",
    "not_on_road": "The delegation is not on the road that day; the trip runs {first} to {last}.",
    "no_itinerary": "There is no itinerary yet. An organiser has to load it first.",
    "bad_day": "I could not read {text} as a day. Try /agenda 8 June, /agenda 2021-06-08 "
    "or /agenda Tuesday.",
    "next_heading": "<b>Next</b>: {title}",
    "starts_in": "starts in {delta}",
    "started_ago": "started {delta} ago",
    "starts_now": "starts now",
    "where": "Where: {where}",
    "with": "With: {people}",
    "map": "Map",
    "no_next": "Nothing more on the programme.",
    "in_city": "The delegation is in <b>{city}</b>, {country}.",
    "travelling": "Travel day: {cities}.",
    "not_travelling": "The delegation is not on the road now.",
    "local_times": "<b>Local time</b>",
    "home_label": "home",
    "trip_heading": "<b>{name}</b>",
    "trip_stop": "<b>{city}</b>, {country}: {first} to {last}",
    "trip_events": "{count} events",
    "ics_caption": "Your programme as a calendar: {count} events.",
    "ics_none": "You have no events on the programme.",
    "settings": "<b>Settings</b>\nHome time beside local times: {home}\nLanguage: {language}",
    "on": "on",
    "off": "off",
    "show_home": "Show home time",
    "hide_home": "Hide home time",
    "language_name": "English",
    "saved": "Saved.",
    "settings_private": "Settings are private: send /settings to me in a direct chat.",
    "group_registered": "This group is registered: I will answer members here.",
    "group_only": "Send /register_group in the group you want me to answer in.",
    "organisers_only": "Only organisers can do that.",
    "error": "Sorry, something went wrong on my side. Please try again in a moment.",
    "day_button_prev": "◀ {day}",
    "day_button_next": "{day} ▶",
    "home_time": "at home: {time}",
    "day_heading": "{day} {year}",
    "with_person": "with {person}",
    "minutes": "{m} min",
    "hours": "{h} h",
    "hours_minutes": "{h} h {m} min",
    "days": "{d} d {h} h",
    "private_only": "Send me this in a private chat.",
    "slow_down": "That is a lot at once: I skip messages for a moment. Please slow down.",
    "file_too_big": "That file is too big ({size} KB): an itinerary may be {limit} KB at most.",
    "unreachable_not_started": "has not pressed Start yet",
    "unreachable_blocked": "unreachable (blocked the bot)",
    "groups_usage": "To change them: /groups KEY add GROUP … · /groups KEY remove GROUP …",
    "groups_heading": "<b>Groups</b>",
    "groups_none": "No member is in a group yet.",
    "groups_of": "<b>{name}</b> ({key}): {groups}",
    "groups_empty": "no group",
    "groups_replanned": "Their reminders follow the new groups.",
    "groups_unchanged": "Nothing to change.",
    "groups_no_member": "No member has the key {key}: /members lists the keys.",
    "groups_bad_name": "That group name cannot be used: {reason}.",
    "invite_taken": "This personal link belongs to someone who has already joined, so it "
    "cannot be used again. If it was meant for you, ask an organiser for a new one.",
    "invite_taken_organisers": "⚠️ Someone else tried to join with the personal link of "
    "<b>{name}</b> ({key}): {who}. They were refused; {name} stays linked to the account "
    "that joined first. If that was {name} on a new account, send them a new link.",
    "invite_pick": "Who should I make a personal link for? Tap a member who has not joined.\n"
    "/invite new makes a link for someone new (/invite new organiser for an organiser).",
    "invite_everyone_joined": "Everyone on the itinerary has joined.\n"
    "/invite new makes a link for someone new (/invite new organiser for an organiser).",
    "invite_personal": "The personal link of <b>{name}</b> ({key}), single-use, valid for "
    "14 days:\n{link}\nForward it to them, or let them scan the QR code.",
    "invite_qr_caption": "{name}: scan to join",
    "invite_gone": "That member has joined already or is no longer on the itinerary.",
    "invite_usage_personal": "Write /invite to pick a member, or /invite new [organiser] "
    "for someone new.",
    "joined_as": "joined as {who}",
    "link_ask": "Are you <b>{name}</b> of the itinerary? If you are, an organiser confirms it "
    "and you get your own programme and reminders.",
    "link_yes": "Yes",
    "link_new": "No, I am new",
    "link_asked": "Thank you. I asked the organisers to confirm that you are {name}; I will "
    "tell you when they have. Until then you see the programme for everyone.",
    "link_already_asked": "The organisers have already been asked to confirm that you are "
    "{name}; I will tell you when they answer.",
    "link_nobody": "No organiser can be reached right now to confirm that you are {name}. "
    "Please ask one in person; they can link you with /link.",
    "link_stay_new": "All right: you joined as a new member.",
    "link_gone": "That question is no longer open.",
    "claim_request": "<b>{joiner}</b> ({key}) joined with a general code and says they are "
    "<b>{name}</b> of the itinerary. Confirm to give them that member's programme, groups "
    "and reminders.",
    "claim_refuse": "Refuse",
    "claim_linked": "Confirmed: {joiner} is now {name}.",
    "claim_refused": "Refused: {joiner} stays a new member.",
    "claim_closed_linked": "Decided by {by}: {joiner} is now {name}.",
    "claim_closed_refused": "Decided by {by}: refused, {joiner} stays a new member.",
    "claim_already": "This request was already decided.",
    "claim_failed": "Could not link: {reason}",
    "person_linked": "The organisers confirmed it: you are {name}. /today now shows your own "
    "programme, and your reminders follow it.",
    "person_refused": "The organisers could not confirm that you are {name}. You stay a "
    "member with the programme for everyone; speak to an organiser if this is a mistake.",
    "person_failed": "The organisers' confirmation came too late: {name} has joined already.",
    "link_usage": "Write /link JOINED-KEY ITINERARY-KEY, e.g. /link tg-123 kim. /members "
    "shows the keys.",
    "link_unknown": "There is no member {key}.",
    "link_not_joined": "{key} has not joined: there is no Telegram account to move.",
    "link_target_joined": "{key} has already joined with a Telegram account.",
    "link_same": "That is the same member twice.",
    "link_preview": "Merge <b>{joined}</b> ({joined_key}) into <b>{name}</b> ({key})? Their "
    "Telegram account, language, settings and acknowledgements move to {key}, reminders "
    "follow {key}'s programme, and {joined_key} is removed.",
    "link_done": "Linked: {name} is now reachable on Telegram; reminders re-planned.",
    "link_from_itinerary": "{key} is on the itinerary: only a record an invite made can be "
    "merged into a member.",
    "calendar_intro": (
        "Your private calendar address. Subscribe to it once and your phone's calendar "
        "keeps your programme current, changes and cancellations included."
    ),
    "calendar_reset_done": (
        "Your old calendar address no longer works. Here is the new one: subscribe to it "
        "and remove the old subscription."
    ),
    "calendar_webcal": "iPhone, Mac, Outlook (tap to subscribe):",
    "calendar_https": "Google Calendar (Other calendars → From URL) or any other app:",
    "calendar_private": (
        "Anyone with this address sees your programme: do not share it. "
        "/calendar reset makes a new one and stops the old."
    ),
    "calendar_not_served": (
        "This bot is not serving calendars right now; an organiser starts it with "
        "comitiva run --calendar-port."
    ),
    "calendar_private_only": "I send your calendar address only in a private chat with me.",
    "calendar_usage": "Send /calendar for your calendar address, /calendar reset for a new one.",
    "cmd_calendar": "My calendar to subscribe to",
    "pick_event": "Which event? Pick one:",
    "move_usage_for": "Write /move {key} with the new time: "
    "+30m, -1h, 10:30, 10:30-11:30 or tomorrow 09:00.",
    "cancel_usage_for": "Write /cancel {key}.",
    "venue_usage_for": "Write /venue {key} and the new venue.",
    "note_usage_for": "Write /note {key} and the note.",
    "note_usage": "Write /note EVENT and the note (the event by its name or a few words of it).",
    "announce_unknown_audience": "Not sent: nobody is in {audience}. Nearest: {nearest}. "
    "Write to:GROUP with one of them, or leave it out for everyone.",
    "announce_missed": "Not reached: {names}. "
    "/invite sends a personal link to those who have not joined.",
    "missed_blocked": "blocked the bot",
    "missed_not_started": "never started the bot",
    "missed_not_joined": "not joined yet",
    "missed_error": "Telegram refused the message",
    "reminder_late_by": "(sent {delta} late: the bot was offline)",
    "in_air": "The delegation is in the air: <b>{title}</b>, {origin} → {destination}, "
    "landing {lands}.",
    "before_trip": "The trip has not begun: it starts in <b>{city}</b>, {country}, on {day}.",
    "after_trip": "The trip is over: the delegation was last seen leaving {origin} for "
    "{destination}, {left}.",
    "after_trip_ended": "The trip is over: its last stop was {city}.",
    "notes_line": "📝 {notes}",
    "dress_line": "👔 Dress: {text}",
    "bring_line": "🎒 Bring: {text}",
    "qa_no_hotel_tonight": "The itinerary has no hotel for tonight: the delegation leaves today.",
    "qa_no_hotel_that_night": "The itinerary has no hotel for the night of {day}: "
    "the delegation leaves that day.",
    "day_cancelled": "<s>{event}</s> \N{EM DASH} <i>cancelled</i>",
    "cancel_ask": "<b>Cancel this event?</b>\n{event}\n\nEveryone affected is told.",
    "yes_cancel_it": "Yes, cancel it",
    "keep_it": "Keep it",
    "welcome_first": "Welcome, {name}! You have joined <b>{delegation}</b> as {role}.",
    "welcome_commands": "<b>Three to start with</b>\n/today: today's programme\n"
    "/next: your next event\n/settings: language, reminders, home time\n/help lists the rest.",
    "settings_mute_past": "{text} is already over where the delegation is: "
    "mute until today or a later day, or for a while, like /settings mute 2h.",
}

// Read an .ics file with Mozilla's ical.js (Thunderbird's parser) and print every event's
// UID, status and UTC start/end as JSON. Zones come from the file's own VTIMEZONEs only.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2] ?? 0, "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}
const utc = (time) => (time ? time.toJSDate().toISOString() : null);
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return {
    uid: event.uid,
    status: vevent.getFirstPropertyValue("status"),
    sequence: event.sequence,
    start: utc(event.startDate),
    end: vevent.hasProperty("dtend") ? utc(event.endDate) : null,
  };
});
process.stdout.write(JSON.stringify(events));

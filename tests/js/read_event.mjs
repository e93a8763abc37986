// ical.js reads each calendar file named on the command line and prints, per file, the one VEVENT's
// UID, SEQUENCE, DTSTAMP (UTC, ISO) and DESCRIPTION as JSON: a third reader of netzwerk's calendars.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const found = process.argv.slice(2).map((path) => {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  const [event] = calendar.getAllSubcomponents("vevent");
  return {
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    dtstamp: event.getFirstPropertyValue("dtstamp").toJSDate().toISOString(),
    description: event.getFirstPropertyValue("description"),
  };
});
process.stdout.write(JSON.stringify(found));

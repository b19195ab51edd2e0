// A lodging operator's dashboard: free, held and occupied beds per night, live from /hubs/lodging.

import { getJson, queryParam } from "./api.js";
import { showConnection } from "./connection-badge.js";
import { district, loadLabels } from "./labels.js";
import { LiveChannel } from "./live.js";

/** What the server counts when asked for no range: today and the 13 nights after it. */
const NIGHTS = 14;
const KINDS = ["free", "held", "occupied", "total"];
const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

const $ = id => document.getElementById(id);
const siteId = queryParam("siteId");
/** date (yyyy-MM-dd) → {date, total, free, held, occupied}, for the nights on screen. */
let nights = new Map();

/** The nights on screen: those of the last full list (the range the server chose). */
let shownDates = [];

function isoDay(date) {
    return date.toISOString().slice(0, 10);
}

/** Before any list arrived: the server's default range, as UTC dates. */
function windowDates() {
    if (shownDates.length > 0) {
        return shownDates;
    }

    const start = new Date(`${isoDay(new Date())}T00:00:00Z`);
    return Array.from({ length: NIGHTS }, (_, i) => isoDay(new Date(start.getTime() + i * 86400000)));
}

function renderHeader(dates) {
    const cells = dates.map(date => {
        const th = document.createElement("th");
        const day = new Date(`${date}T00:00:00Z`).getUTCDay();
        th.textContent = `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
        const weekday = document.createElement("span");
        weekday.className = "weekday";
        weekday.textContent = WEEKDAYS[day];
        th.append(weekday);
        th.classList.toggle("weekend", day === 0 || day === 6);
        return th;
    });
    const corner = document.createElement("th");
    corner.textContent = "夜间";
    $("night-dates").replaceChildren(corner, ...cells);
}

function renderGrid(changed = new Set()) {
    const dates = windowDates();
    renderHeader(dates);
    $("night-count").textContent = dates.length;
    for (const kind of KINDS) {
        const row = $(`row-${kind}`);
        const head = row.firstElementChild;
        const cells = dates.map(date => {
            const night = nights.get(date);
            const td = document.createElement("td");
            td.dataset.testid = `${date}-${kind}`;
            td.textContent = night ? night[kind] : "–";
            if (night && night.total > 0 && kind !== "total") {
                td.style.setProperty("--share", String(night[kind] / night.total));
            }

            if (changed.has(date) && kind !== "total") {
                td.classList.add("changed", "flash");
            }

            return td;
        });
        row.replaceChildren(head, ...cells);
    }

    $("updated").textContent = `更新于 ${new Date().toLocaleTimeString("zh-CN", { hour12: false })}`;
}

function applyNights(list, replace) {
    if (replace) {
        nights = new Map();
        shownDates = (list ?? []).map(n => n.date).sort();
    }

    const changed = new Set();
    for (const night of list ?? []) {
        nights.set(night.date, night);
        changed.add(night.date);
    }

    renderGrid(replace ? new Set() : changed);
}

async function showSite() {
    try {
        const site = await getJson(`/api/lodging/sites/${encodeURIComponent(siteId)}`);
        $("site-name").textContent = site.name;
        document.title = `${site.name} · 床位看板`;
        const beds = site.bedCount ? `${site.bedCount} 张床位` : "";
        $("site-facts").textContent = [district(site.district), site.town, beds].filter(Boolean).join(" · ");
    } catch {
        $("site-name").textContent = `客栈 ${siteId}`;
    }
}

async function main() {
    if (!siteId) {
        $("site-name").textContent = "请在地址中指定客栈：lodging.html?siteId=…";
        return;
    }

    await loadLabels();
    await showSite();
    try {
        applyNights((await getJson(`/api/lodging/sites/${encodeURIComponent(siteId)}/availability`)).nights, true);
    } catch {
        renderGrid();
    }

    const channel = new LiveChannel({
        hubUrl: "/hubs/lodging",
        joinMethod: "JoinSite",
        leaveMethod: "LeaveSite",
        events: ["BedCountsChanged"],
        onSnapshot: snapshot => applyNights(snapshot.nights, true),
        onEvent: (_, e) => applyNights(e.nights, false),
        onStatus: status => showConnection($("connection"), status),
    });
    window.matchingLive = channel;
    await channel.open(siteId);
}

main();

// The fair's big screen: counters, origins and the ticker of anonymised matches, live from /hubs/fair.

import { getJson, queryParam } from "./api.js";
import { showConnection } from "./connection-badge.js";
import { loadLabels, prefecture, province } from "./labels.js";
import { LiveChannel } from "./live.js";

const TICKER_LINES = 12;
const BAR_ROWS = 8;

const $ = id => document.getElementById(id);
const fairId = queryParam("fairId");
const board = { checkIns: 0, matched: 0, byProvince: {}, byPrefecture: {}, recent: [], summary: null };
const SUMMARY_ORIGINS = 5;

function renderCounters() {
    $("check-ins").textContent = board.checkIns;
    $("matched").textContent = board.matched;
    $("rate").textContent = board.checkIns > 0 ? `${Math.round((100 * board.matched) / board.checkIns)}%` : "—";
}

function renderBars(list, counts, label) {
    const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, BAR_ROWS);
    const top = rows.length > 0 ? rows[0][1] : 1;
    list.replaceChildren(...rows.map(([code, n]) => {
        const li = document.createElement("li");
        li.dataset.code = code;
        const name = document.createElement("span");
        name.textContent = label(code);
        const track = document.createElement("span");
        track.className = "track";
        const fill = document.createElement("span");
        fill.className = "fill";
        fill.style.width = `${(100 * n) / top}%`;
        fill.style.display = "block";
        track.append(fill);
        const count = document.createElement("span");
        count.className = "count";
        count.textContent = n;
        li.append(name, track, count);
        return li;
    }));
}

function tickerItem(line, at, fresh) {
    const li = document.createElement("li");
    if (fresh) {
        li.className = "new";
    }

    const time = document.createElement("time");
    time.dateTime = at;
    time.textContent = new Date(at).toLocaleTimeString("zh-CN", { hour12: false });
    const text = document.createElement("span");
    text.textContent = line;
    li.append(time, text);
    return li;
}

function renderTicker() {
    const newestFirst = [...board.recent].reverse().slice(0, TICKER_LINES);
    $("ticker").replaceChildren(...newestFirst.map(r => tickerItem(r.line, r.at, false)));
    $("ticker-empty").hidden = newestFirst.length > 0;
}

/** The end-of-day summary: the day's figures and where the visitors came from, on every screen once the fair closed. */
function renderSummary() {
    const summary = board.summary;
    document.body.classList.toggle("closed", summary !== null);
    $("summary").hidden = summary === null;
    if (summary === null) {
        return;
    }

    $("sum-check-ins").textContent = summary.checkIns;
    $("sum-matched").textContent = summary.matched;
    $("sum-held").textContent = summary.held;
    $("sum-hired").textContent = summary.hired;
    const origins = Object.entries(summary.byPrefecture).sort((a, b) => b[1] - a[1]).slice(0, SUMMARY_ORIGINS);
    $("sum-origins").textContent = origins.length > 0 ? `来源：${origins.map(([code, n]) => `${prefecture(code)} ${n} 人`).join(" · ")}` : "";
    $("sum-closed").textContent = `${new Date(summary.closedAt).toLocaleString("zh-CN", { hour12: false })} 结束`;
}

function render() {
    renderSummary();
    renderCounters();
    renderBars($("by-province"), board.byProvince, province);
    renderBars($("by-prefecture"), board.byPrefecture, prefecture);
    renderTicker();
}

function applySnapshot(snapshot) {
    Object.assign(board, {
        checkIns: snapshot.checkIns ?? 0,
        matched: snapshot.matched ?? 0,
        byProvince: snapshot.byProvince ?? {},
        byPrefecture: snapshot.byPrefecture ?? {},
        recent: snapshot.recent ?? [],
        summary: snapshot.summary ?? null,
    });
    if (snapshot.name) {
        $("fair-name").textContent = snapshot.name;
        document.title = `${snapshot.name} · 大屏`;
    }

    render();
}

function applyEvent(type, e) {
    if (type === "BoardChanged") {
        Object.assign(board, { checkIns: e.checkIns, matched: e.matched, byProvince: e.byProvince, byPrefecture: e.byPrefecture });
        renderCounters();
        renderBars($("by-province"), board.byProvince, province);
        renderBars($("by-prefecture"), board.byPrefecture, prefecture);
    } else if (type === "MatchMade") {
        // The line's own time, the one the board's snapshot shows, so a screen switched on later shows the same.
        const at = e.at ?? e.occurredAt;
        board.recent.push({ line: e.line, trade: e.trade, prefecture: e.originPrefecture, score: e.score, at });
        board.recent = board.recent.slice(-TICKER_LINES);
        $("ticker").prepend(tickerItem(e.line, at, true));
        while ($("ticker").children.length > TICKER_LINES) {
            $("ticker").lastElementChild.remove();
        }

        $("ticker-empty").hidden = true;
    } else if (type === "FairClosed") {
        board.summary = e.summary;
        renderSummary();
    }
}

function tickClock() {
    $("clock").textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false });
}

async function main() {
    tickClock();
    setInterval(tickClock, 1000);
    if (!fairId) {
        $("fair-name").textContent = "请在地址中指定招聘会：fair.html?fairId=…";
        return;
    }

    await loadLabels();
    // The board from REST first, so the screen shows figures even before the live connection is up.
    try {
        applySnapshot(await getJson(`/api/fairs/${encodeURIComponent(fairId)}/board`));
    } catch {
        const fair = await getJson(`/api/fairs/${encodeURIComponent(fairId)}`).catch(() => null);
        applySnapshot({ name: fair?.name, checkIns: fair?.checkIns ?? 0 });
    }

    const channel = new LiveChannel({
        hubUrl: "/hubs/fair",
        joinMethod: "JoinFair",
        leaveMethod: "LeaveFair",
        events: ["BoardChanged", "MatchMade", "FairClosed"],
        onSnapshot: applySnapshot,
        onEvent: applyEvent,
        onStatus: status => showConnection($("connection"), status),
    });
    window.matchingLive = channel;
    await channel.open(fairId);
}

main();

// The recruiter's console: pick an employer and one of its job orders, watch the ranked candidates arrive
// live from /hubs/recruiter, and hold, hire or release through the REST routes.

import { deleteJson, getAll, getJson, postJson, queryParam } from "./api.js";
import { showConnection } from "./connection-badge.js";
import { countdown, tickCountdowns } from "./countdown.js";
import { category, district, loadLabels, origin, reason as reasonLabel, skill, trade } from "./labels.js";
import { LiveChannel } from "./live.js";
import { RecruiterModel } from "./recruiter-model.js";

const ACTIVITY_LINES = 30;
const STATUS = { open: "招聘中", filled: "已招满", closed: "已关闭" };

const $ = id => document.getElementById(id);
const model = new RecruiterModel();
let employerId = null;
let jobOrderId = null;

function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) {
        e.className = className;
    }

    if (text !== undefined) {
        e.textContent = text;
    }

    return e;
}

function button(kind, text, action) {
    const b = element("button", kind, text);
    b.type = "button";
    b.addEventListener("click", async () => {
        b.disabled = true;
        try {
            await action();
        } finally {
            b.disabled = false;
        }
    });
    return b;
}

function say(text) {
    $("message").textContent = text;
}

function log(note) {
    if (!note) {
        return;
    }

    const li = element("li");
    const time = element("time", "", new Date().toLocaleTimeString("zh-CN", { hour12: false }));
    li.append(time, note);
    $("activity").prepend(li);
    while ($("activity").children.length > ACTIVITY_LINES) {
        $("activity").lastElementChild.remove();
    }
}

// ---- actions (REST); the pushed events confirm them, the answers show them at once

async function act(work, done) {
    say("");
    try {
        await work();
        done?.();
    } catch (error) {
        say(`操作失败：${error.message}`);
    }

    await refreshOrder(jobOrderId);
    render();
}

function hold(workerId) {
    const order = jobOrderId;
    return act(async () => {
        const granted = await postJson(`/api/job-orders/${encodeURIComponent(order)}/holds`, { workerId });
        model.held(order, { holdId: granted.holdId, workerId, expiresAt: granted.expiresAt, createdAt: new Date().toISOString() });
    });
}

function hire(holdId, workerId) {
    const order = jobOrderId;
    return act(async () => {
        const hired = await postJson(`/api/holds/${encodeURIComponent(holdId)}/confirm`);
        model.hired(order, { holdId, workerId, hiredAt: hired.hiredAt });
    });
}

function release(holdId) {
    const order = jobOrderId;
    return act(async () => {
        await deleteJson(`/api/holds/${encodeURIComponent(holdId)}`);
        model.released(order, holdId);
    });
}

// ---- rendering

function renderOrder(entry) {
    const o = entry?.jobOrder;
    $("order").hidden = !o;
    if (!o) {
        return;
    }

    $("order-title").textContent = o.title || trade(o.trade);
    $("order-status").textContent = STATUS[o.status] ?? o.status;
    $("order-status").className = `status ${o.status}`;
    $("order-facts").textContent = [
        trade(o.trade),
        district(o.district),
        o.wageMin ? `月薪 ${o.wageMin}–${o.wageMax} 元` : "",
        o.providesHousing ? "包住" : "",
        o.startDate ? `${o.startDate} 到岗` : "",
    ].filter(Boolean).join(" · ");
    $("headcount").textContent = o.headcount;
    $("hired").textContent = Math.max(o.hired ?? 0, entry.hires.size);
    $("held").textContent = entry.holds.size;
    $("open-slots").textContent = o.openSlots;
}

function candidateItem(c, place, liveHold) {
    const li = element("li", "candidate");
    li.dataset.workerId = c.workerId;
    li.dataset.testid = "candidate";

    const who = element("div", "who", c.name);
    who.append(element("span", "phone", c.phone), element("span", "origin", origin(c.originProvince, c.originPrefecture)));
    const tags = element("div");
    for (const s of c.skills) {
        tags.append(element("span", "chip", skill(s)));
    }

    for (const code of c.categories) {
        tags.append(element("span", "chip tag", category(code)));
    }

    if (c.needsLodging) {
        tags.append(element("span", "chip tag", "需住宿"));
    }

    if (c.partner) {
        tags.append(element("span", "chip partner", "合作项目"));
    }

    const body = element("div");
    body.append(who, tags);

    const score = element("div", "score", String(c.score));
    score.append(element("small", "", "分"));

    const reasons = element("div", "reasons");
    reasons.dataset.testid = "reasons";
    for (const r of c.reasons) {
        const label = reasonLabel(r);
        const chip = element("span", r.points > 0 ? "reason" : "reason zero", r.points > 0 ? `${label} +${r.points}` : label);
        chip.dataset.code = r.code;
        reasons.append(chip);
    }

    const actions = element("div", "actions");
    if (liveHold) {
        actions.append(
            countdown(liveHold.expiresAt, "预留中 "),
            button("hire", "录用", () => hire(liveHold.holdId, c.workerId)),
            button("release", "释放", () => release(liveHold.holdId)));
    } else {
        actions.append(button("hold", "预留", () => hold(c.workerId)));
    }

    li.append(element("div", "place", String(place)), body, score, reasons, actions);
    return li;
}

function render() {
    const entry = jobOrderId ? model.orders.get(jobOrderId) : null;
    renderOrder(entry);
    const holds = entry ? [...entry.holds.values()] : [];
    const holdOf = new Map(holds.map(h => [h.workerId, h]));

    const ranked = jobOrderId ? model.ranked(jobOrderId) : [];
    $("candidates").replaceChildren(...ranked.map((c, i) => candidateItem(c, i + 1, holdOf.get(c.workerId))));
    $("no-candidates").hidden = ranked.length > 0;

    $("holds").replaceChildren(...holds.map(h => {
        const li = element("li");
        li.dataset.testid = "hold";
        li.dataset.holdId = h.holdId;
        li.append(
            element("span", "who", model.nameOf(h.workerId)),
            countdown(h.expiresAt),
            button("hire", "录用", () => hire(h.holdId, h.workerId)),
            button("release", "释放", () => release(h.holdId)));
        return li;
    }));
    $("no-holds").hidden = holds.length > 0;

    const hires = entry ? [...entry.hires.values()] : [];
    $("hires").replaceChildren(...hires.map(h => {
        const li = element("li");
        li.dataset.testid = "hire";
        const at = h.hiredAt ? new Date(h.hiredAt).toLocaleTimeString("zh-CN", { hour12: false }) : "";
        li.append(element("span", "who", model.nameOf(h.workerId)), element("span", "muted", `录用于 ${at}`));
        return li;
    }));
    tickCountdowns();
}

// ---- data

/** Events of orders being read meanwhile: applied again over the read, so none is lost to it. */
const loading = new Map();

/**
 * Reads an order in full when it is opened: the live snapshot holds the first places of the first open orders
 * only, without labels, and no closed order at all. The list's first page is all of its ranked places.
 */
async function loadOrder(id) {
    loading.set(id, []);
    try {
        const [order, candidates, slots] = await Promise.all([
            getJson(`/api/job-orders/${encodeURIComponent(id)}`),
            getJson(`/api/job-orders/${encodeURIComponent(id)}/candidates?take=50`).catch(() => ({ items: [] })),
            getJson(`/api/job-orders/${encodeURIComponent(id)}/holds`).catch(() => ({ holds: [], hires: [] })),
        ]);
        model.setListed(order, candidates.items, slots.holds, slots.hires);
        for (const [type, e] of loading.get(id)) {
            model.apply(type, e);
        }
    } finally {
        loading.delete(id);
    }
}

/** After an action: the order's figures as the server now counts them. */
async function refreshOrder(id) {
    if (!id) {
        return;
    }

    try {
        model.setJobOrder(await getJson(`/api/job-orders/${encodeURIComponent(id)}`));
    } catch {
        // The live figures stand until the next read.
    }
}

// Pushed candidates carry each reason as code and points; the order's candidate list carries the full labels.
// They are read at most once per second, for the order on screen only, and only fill in the labels.
let labelTimer = null;

function labelSoon(id) {
    if (labelTimer !== null) {
        return;
    }

    labelTimer = setTimeout(async () => {
        labelTimer = null;
        try {
            const page = await getJson(`/api/job-orders/${encodeURIComponent(id)}/candidates?take=50`);
            if (model.label(id, page.items) && id === jobOrderId) {
                render();
            }
        } catch {
            // The short labels stand.
        }
    }, 1000);
}

function remember() {
    const params = new URLSearchParams();
    if (employerId) {
        params.set("employerId", employerId);
    }

    if (jobOrderId) {
        params.set("jobOrderId", jobOrderId);
    }

    history.replaceState(null, "", `?${params}`);
}

function fillSelect(select, items, value, text) {
    select.replaceChildren(...items.map(item => {
        const option = element("option", "", text(item));
        option.value = item.id;
        return option;
    }));
    if (value && items.some(i => i.id === value)) {
        select.value = value;
    }
}

async function chooseOrder(id) {
    jobOrderId = id || null;
    remember();
    if (jobOrderId && !model.orders.get(jobOrderId)?.complete) {
        try {
            await loadOrder(jobOrderId);
        } catch (error) {
            say(`读取岗位失败：${error.message}`);
        }
    }

    render();
}

async function chooseEmployer(id, wantedOrder, channel) {
    employerId = id;
    jobOrderId = null;
    model.orders = new Map();
    remember();
    render();
    const orders = await getAll(`/api/job-orders?employerId=${encodeURIComponent(id)}`);
    orders.sort((a, b) => (a.status === "open" ? 0 : 1) - (b.status === "open" ? 0 : 1));
    fillSelect($("job-order"), orders, wantedOrder, o => `${o.title || trade(o.trade)} · ${district(o.district)}（${STATUS[o.status] ?? o.status}）`);
    await chooseOrder($("job-order").value);
    await channel.open(id);
}

async function main() {
    await loadLabels();
    const channel = new LiveChannel({
        hubUrl: "/hubs/recruiter",
        joinMethod: "JoinEmployer",
        leaveMethod: "LeaveEmployer",
        events: ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired", "EngagementChanged"],
        onSnapshot: async snapshot => {
            model.applySnapshot(snapshot);
            // The snapshot holds the first places of the first open orders: the order on screen is read in full.
            await chooseOrder(jobOrderId);
        },
        onEvent: (type, e) => {
            loading.get(e.jobOrderId)?.push([type, e]);
            const { jobOrderId: order, note } = model.apply(type, e);
            if (order === jobOrderId) {
                log(note);
                render();
                if (type === "CandidateFound" || type === "CandidateRankChanged") {
                    labelSoon(order);
                }
            }
        },
        onStatus: status => showConnection($("connection"), status),
    });
    window.matchingLive = channel;

    const employers = await getAll("/api/employers");
    const wanted = queryParam("employerId");
    fillSelect($("employer"), employers, wanted, e => e.name);
    $("employer").addEventListener("change", () => chooseEmployer($("employer").value, null, channel));
    $("job-order").addEventListener("change", () => chooseOrder($("job-order").value));
    setInterval(tickCountdowns, 1000);
    if ($("employer").value) {
        await chooseEmployer($("employer").value, queryParam("jobOrderId"), channel);
    }
}

main();

// A recruiter's booth at the fair: scan a visitor's card to see how the visitor fits each of the booth's open orders
// (as the explain route gives it), and hold the visitor against an order in one tap. Name and phone stay masked
// until the hold, as on the candidate lists.

import { getJson, postJson, queryParam } from "./api.js";
import { category, loadLabels, origin, reason, trade } from "./labels.js";

const $ = id => document.getElementById(id);
const fairId = queryParam("fairId");
let employerId = queryParam("employerId");

function say(text, kind = "") {
    $("message").textContent = text;
    $("message").className = `message ${kind}`;
}

function fitItem(fit, workerId) {
    const li = document.createElement("li");
    li.className = fit.eligible ? "fit eligible" : "fit";
    li.dataset.jobOrderId = fit.jobOrderId;
    const head = document.createElement("div");
    head.className = "fit-head";
    const title = document.createElement("strong");
    title.textContent = `${fit.title}（${trade(fit.trade)}）`;
    const score = document.createElement("span");
    score.className = "score";
    score.textContent = fit.eligible ? `${fit.score} 分` : "不符合";
    const slots = document.createElement("span");
    slots.className = "muted";
    slots.textContent = `空缺 ${fit.openSlots}`;
    head.append(title, score, slots);

    const reasons = document.createElement("p");
    reasons.className = "reasons";
    reasons.textContent = fit.eligible
        ? fit.reasons.map(reason).join(" · ")
        : fit.failedFilters.map(f => f.label || f.code).join(" · ");
    li.append(head, reasons);

    if (fit.eligible) {
        const hold = document.createElement("button");
        hold.className = "hold";
        hold.textContent = "预留";
        hold.dataset.testid = "hold";
        hold.addEventListener("click", async () => {
            hold.disabled = true;
            try {
                const answer = await postJson(`/api/job-orders/${encodeURIComponent(fit.jobOrderId)}/holds`, { workerId });
                const until = new Date(answer.expiresAt).toLocaleTimeString("zh-CN", { hour12: false, hour: "2-digit", minute: "2-digit" });
                hold.textContent = `已预留至 ${until}`;
                say(`已为「${fit.title}」预留该求职者，可在招聘专员工作台查看联系方式。`, "ok");
            } catch (e) {
                hold.disabled = false;
                say(`无法预留：${e.message}`, "bad");
            }
        });
        li.append(hold);
    }

    return li;
}

async function scan(code) {
    try {
        const answer = await postJson(`/api/fairs/${encodeURIComponent(fairId)}/booth-scans`, employerId ? { code, employerId } : { code });
        const v = answer.visitor;
        $("visitor-name").textContent = `${v.name} · ${v.phone}`;
        $("visitor-facts").textContent = [origin(v.originProvince, v.originPrefecture), v.trades.map(trade).join("、"),
            v.categories.map(category).join("、"), v.needsLodging ? "需要住宿" : ""].filter(Boolean).join(" · ");
        $("fits").replaceChildren(...answer.fits.map(f => fitItem(f, answer.workerId)));
        $("visitor").hidden = false;
        say(answer.fits.some(f => f.eligible) ? "" : "本展位暂无适合该求职者的岗位。");
    } catch (e) {
        $("visitor").hidden = true;
        say(e.status === 404 ? "未找到该求职者：须先在签到台签到" : e.status === 403 ? "本单位未参加该招聘会" : e.message, "bad");
    }
}

async function main() {
    if (!fairId) {
        say("请在地址中指定招聘会：booth.html?fairId=…", "bad");
        return;
    }

    await loadLabels();

    // A recruiter's token names its employer. Staff (who may read the fair) pick the booth's employer instead.
    const fair = await getJson(`/api/fairs/${encodeURIComponent(fairId)}`).catch(() => null);
    if (fair) {
        $("title").textContent = `${fair.name} · 展位扫码`;
        if (!employerId && fair.employerIds.length > 0) {
            const names = await Promise.all(fair.employerIds.map(id => getJson(`/api/employers/${encodeURIComponent(id)}`).catch(() => ({ id, name: id }))));
            $("employer").replaceChildren(...names.map(e => new Option(e.name, e.id)));
            employerId = fair.employerIds[0];
            $("employer").addEventListener("change", () => { employerId = $("employer").value; });
            $("employer-picker").hidden = false;
        }
    }

    $("scan-form").addEventListener("submit", async event => {
        event.preventDefault();
        const code = $("code").value.trim();
        $("code").value = "";
        $("code").focus();
        if (code) {
            await scan(code);
        }
    });
    document.body.dataset.ready = "true";
}

main();

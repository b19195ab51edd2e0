// The fair's check-in desk: a USB scanner types the card's code and presses Enter (or staff type it); the visitor
// is checked in once, and a repeat is said to be one. The input keeps the focus, so the next scan needs no click.

import { getJson, postJson, queryParam } from "./api.js";
import { loadLabels, origin, trade } from "./labels.js";

const $ = id => document.getElementById(id);
const fairId = queryParam("fairId");
const HISTORY = 10;

function show(kind, headline, detail) {
    $("result").dataset.kind = kind;
    $("headline").textContent = headline;
    $("detail").textContent = detail;
}

function remember(text) {
    const li = document.createElement("li");
    li.textContent = `${new Date().toLocaleTimeString("zh-CN", { hour12: false })}  ${text}`;
    $("history").prepend(li);
    while ($("history").children.length > HISTORY) {
        $("history").lastElementChild.remove();
    }
}

async function checkIn(code) {
    try {
        const answer = await postJson(`/api/fairs/${encodeURIComponent(fairId)}/check-ins`, { code });
        const v = answer.visitor;
        const who = `${v.name} · ${origin(v.originProvince, v.originPrefecture)} · ${v.trades.map(trade).join("、")}`;
        const match = answer.match ? `推荐岗位：${answer.match.line}` : "暂无匹配岗位，可到各展位咨询";
        $("check-ins").textContent = answer.checkIns;
        if (answer.repeat) {
            show("repeat", `已签到过：${v.name}（不重复计数）`, `${who}。${match}`);
            remember(`${v.name} 重复签到`);
        } else {
            show("ok", `签到成功：${v.name}`, `${who}。${match}`);
            remember(`${v.name} 签到`);
        }
    } catch (e) {
        const text = e.status === 404 ? "未找到该签到码，请核对签到卡" : e.status === 400 ? "这不是签到码，请重新扫描" : e.message;
        show("bad", text, code);
    }
}

async function main() {
    if (!fairId) {
        show("bad", "请在地址中指定招聘会：desk.html?fairId=…", "");
        return;
    }

    await loadLabels();
    const fair = await getJson(`/api/fairs/${encodeURIComponent(fairId)}`).catch(() => null);
    if (fair) {
        $("fair-name").textContent = `${fair.name} · 签到台`;
        $("check-ins").textContent = fair.checkIns;
    }

    $("scan-form").addEventListener("submit", async event => {
        event.preventDefault();
        const code = $("code").value.trim();
        $("code").value = "";
        $("code").focus();
        if (code) {
            await checkIn(code);
        }
    });
    $("code").focus();
    document.body.dataset.ready = "true";
}

main();

// A worker's printable check-in card: the name, where the worker comes from, the code as text and as a QR image.

import { getJson, queryParam } from "./api.js";
import { imageData } from "./files.js";
import { loadLabels, origin, trade } from "./labels.js";

const $ = id => document.getElementById(id);
const workerId = queryParam("workerId");

async function main() {
    $("print").addEventListener("click", () => window.print());
    if (!workerId) {
        $("message").textContent = "请在地址中指定求职者：card.html?workerId=…";
        return;
    }

    await loadLabels();
    try {
        const id = encodeURIComponent(workerId);
        const card = await getJson(`/api/workers/${id}/check-in-card`);
        $("name").textContent = card.name;
        $("facts").textContent = [origin(card.originProvince, card.originPrefecture), card.originCounty, card.trades.map(trade).join("、")]
            .filter(Boolean).join(" · ");
        $("code").textContent = card.code;
        $("qr").src = await imageData(`/api/workers/${id}/check-in-code.png`);
        await $("qr").decode();
        $("card").hidden = false;
        document.title = `签到卡 · ${card.name}`;
    } catch (e) {
        $("message").textContent = e.status === 404 ? "未找到该求职者" : e.message;
    }

    document.body.dataset.ready = "true";
}

main();

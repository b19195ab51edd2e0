// The start page: links to the live pages, with one per fair and per lodging site.

import { getJson } from "./api.js";

function links(list, items, href, text, extra = () => []) {
    if (items.length === 0) {
        const li = document.createElement("li");
        li.className = "muted";
        li.textContent = "暂无";
        list.replaceChildren(li);
        return;
    }

    list.replaceChildren(...items.map(item => {
        const li = document.createElement("li");
        const a = document.createElement("a");
        a.href = href(item);
        a.textContent = text(item);
        li.append(a);
        for (const [label, url] of extra(item)) {
            const more = document.createElement("a");
            more.href = url;
            more.textContent = label;
            more.className = "more";
            li.append(" · ", more);
        }

        return li;
    }));
}

async function fill(list, url, href, text, extra) {
    try {
        links(list, (await getJson(url)).items, href, text, extra);
    } catch {
        links(list, [], href, text);
    }
}

fill(
    document.getElementById("fairs"),
    "/api/fairs?take=20",
    f => `fair.html?fairId=${encodeURIComponent(f.id)}`,
    f => `${f.name}（${f.date}）大屏`,
    f => [["签到台", `desk.html?fairId=${encodeURIComponent(f.id)}`], ["展位", `booth.html?fairId=${encodeURIComponent(f.id)}`]]);
fill(document.getElementById("sites"), "/api/lodging/sites?take=50", s => `lodging.html?siteId=${encodeURIComponent(s.id)}`, s => s.name);
